"""The reference Link API portal server."""
