"""Portal configuration: TOML file < environment < CLI overrides, with checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from link_portal.config import ConfigError, RateLimit, dump_config_toml, load_config

BASE = """
[portal]
database_url = "sqlite:///x.db"
public_origin = "https://Portal.Example:443/some/path"
issuer = "https://login.example/t/v2.0"
tenant_id = "t"
nhs_trust = "/etc/nhs.pem"
audience = ["api://a", "b-guid"]
challenge_rate = "5/10"
"""


def test_file_env_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "portal.toml"
    path.write_text(BASE, encoding="utf-8")
    config = load_config(
        path,
        env={"LINK_PORTAL_CHALLENGE_TTL_S": "60"},
        overrides={"database_url": "postgresql://db/portal"},
    )
    assert config.public_origin == "https://portal.example"
    assert config.audience == ("api://a", "b-guid")
    assert config.challenge_rate == RateLimit(5, 10.0)
    assert config.challenge_ttl_s == 60
    assert config.database_url == "postgresql://db/portal"
    again = tmp_path / "again.toml"
    again.write_text(dump_config_toml(config), encoding="utf-8")
    assert load_config(again, env={}) == config


@pytest.mark.parametrize(
    "env",
    [
        {"LINK_PORTAL_CHALLENGE_TTL_S": "301"},  # challenges live at most 5 minutes
        {"LINK_PORTAL_PUBLIC_ORIGIN": "http://insecure.example"},
        {"LINK_PORTAL_ISSUER": ""},
        {"LINK_PORTAL_CHALLENGE_RATE": "0/60"},
        {"LINK_PORTAL_DATABASE_URL": "sqlite:///:memory:"},  # not shared by workers, not kept
    ],
)
def test_bad_settings_are_refused(tmp_path: Path, env: dict[str, str]) -> None:
    path = tmp_path / "portal.toml"
    path.write_text(BASE, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(path, env=env)


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "portal.toml"
    path.write_text(BASE + 'datbase_url = "typo"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="datbase_url"):
        load_config(path, env={})
