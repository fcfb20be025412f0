"""The link journey as plain Python (no Qt): states, transitions, error catalogue.

Import submodules directly (``flow.journey``, ``flow.ports``); this package
imports nothing so adapters can import ``flow.ports`` without cycles.
"""
