"""Everything the sandbox and the tests start: test PKI, identity provider, pcscd, virtual cards."""
