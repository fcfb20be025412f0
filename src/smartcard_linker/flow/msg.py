"""User text the flow produces, kept translatable without importing Qt.

The flow never formats final strings: it hands the UI a ``Msg`` (context,
English template, arguments) and the UI translates the template with
``QCoreApplication.translate(context, template)`` before filling in the
arguments, so translators see whole sentences with named placeholders.
Dates and whole numbers stay as they are until then: the UI writes them in the person's
language (QLocale).

``msg("Journey", "text")`` with exactly those two literal arguments is what lupdate
reads (scripts/translations.py); arguments go in ``.fill(name=value)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from smartcard_linker.flow.format import format_date

Arg = str | int | date
DateWriter = Callable[[date], str]
NumberWriter = Callable[[int], str]


@dataclass(frozen=True)
class Msg:
    context: str
    template: str
    args: tuple[tuple[str, Arg], ...] = ()

    def fill(self, **args: object) -> Msg:
        """The same text with (more) arguments; dates and whole numbers are kept for the UI
        to write in the person's language."""
        merged = dict(self.args) | {k: _arg(v) for k, v in args.items()}
        return Msg(self.context, self.template, tuple(sorted(merged.items())))

    def render(
        self,
        template: str | None = None,
        write_date: DateWriter = format_date,
        write_number: NumberWriter = str,
    ) -> str:
        """Fill the (translated) template; unknown placeholders are left visible, never crash."""
        text = self.template if template is None else template
        values = {k: _written(v, write_date, write_number) for k, v in self.args}
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text

    def __str__(self) -> str:
        return self.render()


def _arg(value: object) -> Arg:
    if isinstance(value, date) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return str(value)


def _written(value: Arg, write_date: DateWriter, write_number: NumberWriter) -> str:
    if isinstance(value, date):
        return write_date(value)
    if isinstance(value, int):
        return write_number(value)
    return value


def msg(context: str, template: str, **args: object) -> Msg:
    return Msg(context, template).fill(**args) if args else Msg(context, template)
