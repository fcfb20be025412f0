"""What the tests and the benchmarks share, and nothing else uses: the start-up probe and
the /proc readings. Not part of the app or the sandbox; the repository root is on the
path for both (pytest's rootdir, and each benchmark that needs it)."""
