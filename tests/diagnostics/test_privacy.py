"""What a copied or saved report may hold: masked Care Identity numbers, no home folder name."""

from __future__ import annotations

from pathlib import Path

from smartcard_linker.diagnostics.privacy import mask_url_credentials, scrub


def test_care_identity_numbers_keep_only_their_last_four_digits() -> None:
    report = {
        "subject": "CN=102048843983,OU=people,O=nhs",
        "said": ["card 1020 4884 3983 inserted"],
        "tenant": "5a1d0c2e-0000-4000-8000-00000000a11c",  # a GUID is not a Care Identity
        "count": 102048843983,
    }
    assert scrub(report) == {
        "subject": "CN=********3983,OU=people,O=nhs",
        "said": ["card ********3983 inserted"],
        "tenant": "5a1d0c2e-0000-4000-8000-00000000a11c",
        "count": 102048843983,
    }


def test_the_home_folder_and_proxy_credentials_are_hidden() -> None:
    log = str(Path.home() / "AppData" / "Local" / "smartcard-linker.log")
    assert scrub({"log": log}) == {
        "log": str(Path("~") / "AppData" / "Local" / "smartcard-linker.log")
    }
    assert mask_url_credentials("http://jo:secret@proxy.trust.nhs.uk:8080") == (
        "http://***:***@proxy.trust.nhs.uk:8080"
    )
