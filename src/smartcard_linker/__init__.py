"""Smartcard Linker: link an NHS Smartcard (NHS Care Identity) to an NHSmail account."""

__version__ = "0.1.0"
