"""What the editors' tools say, in English, Kazakh or Russian: words/<lang>/validator.yaml, tools.yaml, help.yaml.

A check says a message once, by key and named values (`say("phone.empty")`); the message is
an English str, so code and tests that read it as text keep working, and it can be said again
in Kazakh or Russian when it is printed (`in_lang(message, "kk")`). So one validation run can
be printed in any language, and `path:line:col: error:` and `[rule-id]` stay the same in all.

A value that is itself a message is said in the same language. Values are shown as given:
whoever builds the message escapes what comes from a listing (show_value, visible).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any

DOMAIN = "validator"
TOOL_LANGS = ("en", "kk", "ru")
_loading = False


class Said(str):
    """A message: its English text, and its key and values to say it in another language."""

    key: str
    values: dict[str, Any]
    domain: str

    def __new__(cls, key: str, domain: str = DOMAIN, /, **values: Any) -> Said:
        self = super().__new__(cls, _render(domain, key, values, "en"))
        self.key, self.values, self.domain = key, values, domain
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Any]]:  # pickled by the key
        return (self.key, self.domain), self.values

    def render(self, lang: str) -> str:
        return str(self) if lang == "en" else _render(self.domain, self.key, self.values, lang)


class ByLang(dict[str, str]):
    """A value of a message that differs by language, such as a region's name: {lang: text}.
    English shows the Kazakh text when it has none of its own (the names are Kazakh names)."""

    def said(self, lang: str) -> str:
        return self.get(lang) or self.get("kk") or next(iter(self.values()), "")


def did_you_mean(options: list[str]) -> Said | str:
    """ "Did you mean `a` or `b`? " (with the space after it), or "" when there is nothing close."""
    if not options:
        return ""
    keys = {1: "did-you-mean.1", 2: "did-you-mean.2"}
    return say(keys.get(len(options), "did-you-mean.3"), **{f"option{i + 1}": o for i, o in enumerate(options[:3])})


def location_label(label: str) -> str:
    """The detector's label of a form of location (generator/data/location_text.py) as a message
    shows it: a word it found ("ул.") as it is, a description ("coordinates") in the editor's words."""
    key = f"location-label.{label}"
    return say(key) if key in words(DOMAIN, "en") else label


def say(key: str, /, **values: Any) -> Said:
    """A validator message by its key in words/<lang>/validator.yaml."""
    return Said(key, DOMAIN, **values)


def tell(key: str, /, **values: Any) -> Said:
    """A message of new, fix, audit or check-pr by its key in words/<lang>/tools.yaml."""
    return Said(key, "tools", **values)


def helptext(key: str, /, **values: Any) -> Said:
    """What `python -m generator … --help` says, by its key in words/<lang>/help.yaml
    (generator/data/cli_help.py shows it in the editor's language)."""
    return Said(key, "help", **values)


def in_lang(text: str, lang: str) -> str:
    """text in `lang` if it is a message said by key, else as it is (a value, a file's own words)."""
    return text.render(lang) if isinstance(text, Said) else text


# The catalogs, as catalogs.table gives them. Given by generator/data/catalogs.py when it is
# imported (generator/data/__init__.py imports it): catalogs reads YAML, whose problems are
# messages, so this module can't import it without a cycle.
_tables: Callable[[str], Mapping[str, Mapping[str, str]]] | None = None


def use(tables: Callable[[str], Mapping[str, Mapping[str, str]]]) -> None:
    global _tables
    _tables = tables


def words(domain: str, lang: str) -> Mapping[str, str]:
    if _tables is None:  # pragma: no cover - generator.data imports the catalogs first
        raise RuntimeError("generator.data.catalogs is not imported")
    return _tables(domain)[lang]


def _render(domain: str, key: str, values: Mapping[str, Any], lang: str) -> str:
    global _loading
    shown = {name: _value(value, lang) for name, value in values.items()}
    if _loading:  # a catalog's own file is broken: say its problem by key, not by the catalog
        return _fallback(key, shown)
    _loading = True
    try:  # a catalog that cannot be read raises CatalogError, which the CLI prints as path:line:col
        template = words(domain, lang).get(key) or words(domain, "en").get(key)
    finally:
        _loading = False
    if template is None:  # a key no catalog has: tests/test_tools_words.py keeps this from happening
        return _fallback(key, shown)
    return template.format_map(shown)


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Said):
        return value.render(lang)
    if isinstance(value, ByLang):
        return value.said(lang)
    return value


def _fallback(key: str, values: Mapping[str, Any]) -> str:
    return key + "".join(f" {name}={value}" for name, value in values.items())


def env_lang(environ: Mapping[str, str] | None = None) -> str:
    """The tools' language from the environment: LC_ALL, then LANG ("ru_RU.UTF-8" -> ru,
    "kk_KZ" -> kk); English when neither names Kazakh or Russian."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return code if code in TOOL_LANGS else "en"
    return "en"


def lang_option(value: str) -> str:
    """--lang: en, kk or ru; or several joined by + (`ru+kk`: each message in both, one line each)."""
    langs = value.lower().split("+")
    if not value or any(lang not in TOOL_LANGS for lang in langs):
        raise ValueError(value)
    return "+".join(langs)


def add_lang_argument(parser: Any) -> None:
    """The --lang option every editor's tool takes; by default from LC_ALL/LANG, else English."""
    parser.add_argument(
        "--lang",
        type=lang_option,
        default=env_lang(),
        metavar="{kk,ru,en}",
        help=helptext("lang"),
    )


class RuleWords(Mapping[str, str]):
    """A rule's one-sentence description in en, kk and ru: `rule.<id>` in the catalogs, read
    when it is first shown (so that a broken catalog is reported by the CLI, not on import)."""

    def __init__(self, rule_id: str):
        self.key = f"rule.{rule_id}"

    def __getitem__(self, lang: str) -> str:
        if lang not in TOOL_LANGS:
            raise KeyError(lang)
        return words(DOMAIN, lang)[self.key]

    def __iter__(self) -> Iterator[str]:
        return iter(TOOL_LANGS)

    def __len__(self) -> int:
        return len(TOOL_LANGS)
