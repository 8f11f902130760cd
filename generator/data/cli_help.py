"""`python -m generator … --help` in the editor's language: words/<lang>/help.yaml.

The commands give their help texts as messages said by key (`helptext("fix")`); the parser
here shows them in one language, the one `--lang` names on the command line, else the one the
environment names (LC_ALL, LANG), as every tool chooses its language (messages.env_lang).
argparse prints the help as soon as it meets `-h`, before it has read `--lang`, so the command
line is read for `--lang` first (help_lang).

argparse's own few words ("usage:", "options", the `-h` line) come from the same catalog.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from generator.data.messages import Said, env_lang, helptext, lang_option

# argparse's own English words (Python 3.10+), by the catalog key that says them.
_ARGPARSE_WORDS = {
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
}


def help_lang(argv: Sequence[str]) -> str:
    """The language of the help: the first one `--lang` names (`--lang ru+kk`: ru), else the
    environment's. A value --lang does not accept is left for argparse to refuse."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        try:
            return lang_option(value).split("+")[0]
        except ValueError:
            break
    return env_lang()


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, saying every message (help, description, metavar) in one language."""

    def __init__(self, prog: str, *, lang: str = "en", **kwargs: Any):
        super().__init__(prog, **kwargs)
        self.lang = lang

    def said(self, text: Any) -> Any:
        if isinstance(text, Said):
            return text.render(self.lang)
        key = _ARGPARSE_WORDS.get(text) if isinstance(text, str) else None
        return helptext(key).render(self.lang) if key else text

    def _get_help_string(self, action: argparse.Action) -> str:
        # argparse fills in %(default)s and the like: a "%" in the words is a percent sign.
        return str(self.said(action.help)).replace("%", "%%")

    def add_text(self, text: str | None) -> None:
        super().add_text(self.said(text))

    def start_section(self, heading: str | None) -> None:
        super().start_section(self.said(heading))

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None:
            prefix = helptext("argparse.usage").render(self.lang) + " "
        super().add_usage(usage, actions, groups, prefix)

    # Not a public hook, but the one place argparse reads an option's metavar (`--data ҚАЛТА`).
    def _metavar_formatter(self, action: argparse.Action, default_metavar: str) -> Callable[[int], tuple[str, ...]]:
        formatter = super()._metavar_formatter(action, default_metavar)
        return lambda size: tuple(self.said(metavar) for metavar in formatter(size))


class HelpParser(argparse.ArgumentParser):
    """An ArgumentParser whose help, and every subcommand's help, speaks `lang`."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any):
        kwargs.setdefault("formatter_class", partial(HelpFormatter, lang=lang))
        super().__init__(*args, **kwargs)
        self.lang = lang

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", partial(HelpParser, lang=self.lang))
        return super().add_subparsers(**kwargs)
