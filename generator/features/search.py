"""Search in Kazakh and Russian: one fix to the theme's search so that Russian stemming works.

Material's search (lunr in a web worker) adds a trailing wildcard to every word
typed ("приюты" -> "приюты*"), and lunr skips the search pipeline for wildcard
words. With a stemmer in the pipeline the index holds stems ("приют") while the
query keeps its ending, so a whole inflected word finds nothing; without one,
"юридической" never finds "юридическая". So:

- mkdocs.yml / mkdocs.ru.yml set the separator (every character that is not a
  letter or digit, Kazakh letters included) and the pipeline: Russian stemming
  for /ru/, none for Kazakh (lunr has no Kazakh; a Russian stemmer would mangle
  Kazakh words, and the trailing wildcard already finds Kazakh words with
  their suffixes: "алматы" finds "алматыдағы").
- overrides/assets/javascripts/lunr/min/lunr.ru.min.js replaces the theme's
  file of that name (the worker loads it for `lang: ru`): it loads the theme's
  own copy, which this feature writes beside it as lunr.ru.upstream.min.js,
  then runs each wildcard query word through the index's search pipeline
  (the stemmer, when there is one) before the wildcard is applied.

The theme's file is copied from the installed mkdocs-material at build time,
so it always matches the worker of that version; nothing is vendored here.
"""

from __future__ import annotations

from pathlib import Path

from generator.data.model import Catalogue, Lang
from generator.site.render import Page, Renderer

UPSTREAM = "assets/javascripts/lunr/min/lunr.ru.upstream.min.js"


def theme_file(relative: str) -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates" / relative


def pages(renderer: Renderer) -> list[Page]:
    return []


def files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]:
    return {UPSTREAM: theme_file("assets/javascripts/lunr/min/lunr.ru.min.js").read_bytes()}
