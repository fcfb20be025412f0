"""User text the flow produces, kept translatable without importing Qt.

The flow never formats final strings: it hands the UI a ``Msg`` (context,
English template, arguments) and the UI translates the template with
``QCoreApplication.translate(context, template)`` before filling in the
arguments, so translators see whole sentences with named placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Msg:
    context: str
    template: str
    args: tuple[tuple[str, str], ...] = ()

    def render(self, template: str | None = None) -> str:
        """Fill the (translated) template; unknown placeholders are left visible, never crash."""
        text = self.template if template is None else template
        try:
            return text.format(**dict(self.args))
        except (KeyError, IndexError, ValueError):
            return text

    def __str__(self) -> str:
        return self.render()


def msg(context: str, template: str, **args: object) -> Msg:
    return Msg(context, template, tuple((k, str(v)) for k, v in sorted(args.items())))
