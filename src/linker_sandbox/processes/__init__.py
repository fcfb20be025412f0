"""The processes the sandbox runs: private pcscd, PostgreSQL, SoftHSM2 tokens, the
portal, a JWKS issuer and the identity provider (each on loopback)."""
