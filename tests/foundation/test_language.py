"""Choosing the language: the setting, the policy lock, kiosk stations, and remembering a
person's switch in their settings file without losing anything else in it."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import pytest

from smartcard_linker.config import Layer, load_settings, resolve
from smartcard_linker.language import (
    LanguageChoice,
    choose,
    from_locale_name,
    remember,
    remembered,
    with_ui_locales,
)


@pytest.mark.parametrize(
    ("given", "expected"), [("cy", "cy"), ("cy-GB", "cy"), ("CY_gb", "cy"), ("en", "en-GB")]
)
def test_language_setting_accepts_tags_and_stores_the_apps_code(given: str, expected: str) -> None:
    loaded = resolve([Layer("machine file", {"language": given})])
    assert loaded.settings.language == expected
    assert not [p for p in loaded.problems if p.key == "language"]


def test_an_unknown_language_is_a_clear_problem_and_the_default_stays() -> None:
    loaded = resolve([Layer("machine file", {"language": "fr"})])
    assert loaded.settings.language == ""
    (problem,) = [p for p in loaded.problems if p.key == "language"]
    assert "en-GB, cy" in problem.message and "'fr'" in problem.message


def test_os_locale_decides_when_nothing_is_set(tmp_path: Path) -> None:
    loaded = load_settings(registry=None, environ={}, machine_file=tmp_path / "none.toml",
                           user_file=tmp_path / "user.toml")  # fmt: skip
    assert choose(loaded, "cy_GB") == LanguageChoice("cy", remember_to=tmp_path / "user.toml",
                                                     station="cy")  # fmt: skip
    assert choose(loaded, "de_DE").start == "en-GB"
    assert from_locale_name("C") == "en-GB"


class _Policy:
    def __init__(self, values: dict[str, object]) -> None:
        self.values = values

    def read(self, key: str) -> dict[str, object] | None:
        return self.values if "Policies" in key else None


def test_policy_locks_the_language_over_a_persons_choice(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('language = "en-GB"\n', encoding="utf-8")
    loaded = load_settings(registry=_Policy({"language": "cy"}), environ={},
                           machine_file=tmp_path / "none.toml", user_file=user)  # fmt: skip
    choice = choose(loaded, "en_GB")
    assert choice.start == "cy" and choice.locked


def test_a_persons_remembered_choice_beats_the_machine_default(tmp_path: Path) -> None:
    machine, user = tmp_path / "machine.toml", tmp_path / "user.toml"
    machine.write_text('language = "cy"\n', encoding="utf-8")
    user.write_text('[smartcard_linker]\nlanguage = "en-GB"\n', encoding="utf-8")
    loaded = load_settings(registry=None, environ={}, machine_file=machine, user_file=user)
    assert choose(loaded, "cy_GB").start == "en-GB"


def test_kiosk_starts_everyone_in_the_stations_language_and_remembers_nothing(
    tmp_path: Path,
) -> None:
    machine, user = tmp_path / "machine.toml", tmp_path / "user.toml"
    machine.write_text('kiosk_mode = true\nlanguage = "cy"\n', encoding="utf-8")
    user.write_text('language = "en-GB"\n', encoding="utf-8")
    loaded = load_settings(registry=None, environ={}, machine_file=machine, user_file=user)
    choice = choose(loaded, "en_GB")
    assert choice == LanguageChoice("cy", remember_to=None, station="cy")


@pytest.mark.parametrize(
    "before",
    [
        "",
        '# my settings\nportal_url = "https://portal.example/"\n',
        '[smartcard_linker]\nportal_url = "https://portal.example/"\nlanguage = "en-GB"\n',
        '[smartcard_linker]\nportal_url = "https://portal.example/"\n',
    ],
)
def test_remember_writes_the_language_and_keeps_the_rest(tmp_path: Path, before: str) -> None:
    path = tmp_path / "sub" / "config.toml"
    if before:
        path.parent.mkdir()
        path.write_text(before, encoding="utf-8")
    assert remember(path, "cy")
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    table = data.get("smartcard_linker", data)
    assert table["language"] == "cy"
    if "portal_url" in before:
        assert table["portal_url"] == "https://portal.example/"
        assert ("# my settings" in text) == ("# my settings" in before)
    assert remembered(path) == "cy"
    assert remember(path, "en-GB") and remembered(path) == "en-GB"
    assert text.count("language") == 1


def test_remember_never_breaks_a_file_it_cannot_keep_valid(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("this is = = not toml\n", encoding="utf-8")
    assert not remember(path, "cy")
    assert path.read_text(encoding="utf-8") == "this is = = not toml\n"


def test_ui_locales_is_added_to_the_authorization_url_once() -> None:
    url = "https://login.example/t/oauth2/v2.0/authorize?client_id=a&scope=x+y&ui_locales=en-GB"
    changed = with_ui_locales(url, "cy-GB")
    assert changed.count("ui_locales") == 1 and changed.endswith("ui_locales=cy-GB")
    assert "client_id=a" in changed and "scope=x+y" in changed


def test_ui_locales_keeps_a_fragment_and_adds_a_query_where_there_was_none() -> None:
    assert with_ui_locales("https://idp.example/authorize#frag", "en-GB") == (
        "https://idp.example/authorize?ui_locales=en-GB#frag"
    )


def test_a_kiosk_keeps_no_past_sign_in_address_in_memory() -> None:
    """urllib's own cache of split addresses would hold each person's sign-in address."""
    cache = cast(Any, urlsplit)  # an lru_cache since Python 3.11
    cache.cache_clear()
    for person in range(5):
        with_ui_locales(f"https://idp.example/authorize?state=person{person}", "cy-GB")
    assert cache.cache_info().currsize == 0
