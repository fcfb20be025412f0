"""The Link API portal: ``client`` (HTTPS, loaded by a worker on first use) and ``errors``.

Nothing is imported here, so ``from smartcard_linker.portal.errors import PortalError`` in
the flow does not pull in requests at start-up.
"""
