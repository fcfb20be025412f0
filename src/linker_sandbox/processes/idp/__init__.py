"""The sandbox identity provider (Entra-shaped, loopback HTTPS); see ``server``."""

from linker_sandbox.processes.idp.server import (
    SANDBOX_API_AUDIENCE,
    SANDBOX_API_SCOPE,
    SANDBOX_CLIENT_ID,
    SandboxIdP,
)

__all__ = ["SANDBOX_API_AUDIENCE", "SANDBOX_API_SCOPE", "SANDBOX_CLIENT_ID", "SandboxIdP"]
