"""User text the flow produces, kept translatable without importing Qt.

The flow never formats final strings: it hands the UI a ``Msg`` (context,
English template, arguments) and the UI translates the template with
``QCoreApplication.translate(context, template)`` before filling in the
arguments, so translators see whole sentences with named placeholders.
Dates stay dates until then: the UI writes them in the person's language.

``msg("Journey", "text")`` with exactly those two literal arguments is what lupdate
reads (scripts/translations.py); arguments go in ``.fill(name=value)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from smartcard_linker.flow.format import format_date

Arg = str | date
DateWriter = Callable[[date], str]


@dataclass(frozen=True)
class Msg:
    context: str
    template: str
    args: tuple[tuple[str, Arg], ...] = ()

    def fill(self, **args: object) -> Msg:
        """The same text with (more) arguments; dates are kept for the UI to write."""
        merged = dict(self.args) | {k: _arg(v) for k, v in args.items()}
        return Msg(self.context, self.template, tuple(sorted(merged.items())))

    def render(self, template: str | None = None, write_date: DateWriter = format_date) -> str:
        """Fill the (translated) template; unknown placeholders are left visible, never crash."""
        text = self.template if template is None else template
        values = {k: write_date(v) if isinstance(v, date) else v for k, v in self.args}
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text

    def __str__(self) -> str:
        return self.render()


def _arg(value: object) -> Arg:
    return value if isinstance(value, date) else str(value)


def msg(context: str, template: str, **args: object) -> Msg:
    return Msg(context, template).fill(**args) if args else Msg(context, template)
