"""`python -m generator … --help` in the editor's language: words/<lang>/help.yaml.

The commands give their help texts as messages said by key (`helptext("fix")`); the parser
here shows them in one language, the one `--lang` names on the command line, else the one the
environment names (LC_ALL, LANG), as every tool chooses its language (messages.env_lang).
argparse prints the help as soon as it meets `-h`, before it has read `--lang`, so the command
line is read for `--lang` first (help_lang).

argparse's own few words ("usage:", "options", the `-h` line) and its messages about a wrong
command line ("unrecognized arguments: …") come from the same catalog; `prog: error:` stays the
same in every language, as the validator's `path:line:col: error:` does.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

from generator.data.messages import Said, env_lang, helptext, lang_option, words

# argparse's own English words (Python 3.10+), by the catalog key that says them.
_ARGPARSE_WORDS = {
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
}
# argparse's messages about a wrong command line (Python 3.11), by key. The catalog writes
# {name} where argparse writes %(name)r or %s.
_ARGPARSE_MESSAGES = {
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid-choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid-value",
    "expected one argument": "argparse.expected-one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "ignored explicit argument %r": "argparse.explicit",
}
_GETTEXT = argparse._  # argparse's own: the message in the system's language, if gettext has it
_NAMED = re.compile(r"%\((\w+)\)([rsd])")


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


def argparse_message(message: str, lang: str) -> str:
    """argparse's message `message` (a %-format) as the same %-format in `lang`; a message the
    catalog does not have, as it is."""
    key = _ARGPARSE_MESSAGES.get(message)
    if key is None:
        return message
    named = dict(_NAMED.findall(message))
    positional = re.findall(r"%([rsd])", _NAMED.sub("", message))

    def spec(found: re.Match[str]) -> str:
        name = found.group(1)
        return f"%({name}){named[name]}" if name in named else f"%{positional[0]}"

    return re.sub(r"\{(\w+)\}", spec, words("help", lang)[key].replace("%", "%%"))


class HelpParser(argparse.ArgumentParser):
    """An ArgumentParser whose help, every subcommand's help and its messages speak `lang`."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any):
        kwargs.setdefault("formatter_class", partial(HelpFormatter, lang=lang))
        super().__init__(*args, **kwargs)
        self.lang = lang

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", partial(HelpParser, lang=self.lang))
        return super().add_subparsers(**self._said(kwargs))

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        return super().add_argument(*args, **self._said(kwargs))

    def _said(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """A metavar (`--data ҚАЛТА`) in the parser's language now: argparse also names a
        positional argument by it in its messages."""
        if isinstance(kwargs.get("metavar"), Said):
            kwargs["metavar"] = kwargs["metavar"].render(self.lang)
        return kwargs

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        with self._messages():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with self._messages():
            return super().parse_known_args(args, namespace)

    @contextmanager
    def _messages(self) -> Iterator[None]:
        # argparse says its messages through gettext, its module's `_`, when it meets a mistake:
        # while it reads the command line, that `_` is the catalog's.
        before = argparse._
        argparse._ = lambda message: argparse_message(_GETTEXT(message), self.lang)
        try:
            yield
        finally:
            argparse._ = before
