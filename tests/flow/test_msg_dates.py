"""A message keeps its dates and numbers as they are, so the UI writes them in the person's
language."""

from __future__ import annotations

from datetime import UTC, date, datetime

from smartcard_linker.flow.msg import msg


def test_dates_stay_dates_until_the_ui_writes_them() -> None:
    when = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    message = msg("Journey", "Valid until {date} ({n} days)").fill(date=when, n=3)
    assert dict(message.args)["date"] == when and dict(message.args)["n"] == 3
    assert message.render() == "Valid until 25 November 2026 (3 days)"
    welsh = message.render(
        "Yn ddilys tan {date} ({n} diwrnod)",
        write_date=lambda d: "25 Tach",
        write_number="·{}·".format,
    )
    assert welsh == "Yn ddilys tan 25 Tach (·3· diwrnod)"


def test_fill_adds_to_what_is_there_and_a_bad_template_never_crashes() -> None:
    message = msg("Journey", "{a} {b}", a=1).fill(b=date(2026, 1, 2))
    assert message.render() == "1 2 January 2026"
    assert message.render("{missing}") == "{missing}"
