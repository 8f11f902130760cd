"""The maintainers' page lists every rule of the validator: its id, what it checks in the page's
language, its scope, and the message it gives on its own bad example, produced by running it and
said in the page's language."""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import escape

from generator.data.messages import in_lang
from generator.data.rules import RULES, example_messages
from generator.features import maintainers
from generator.site.render import Renderer


def _with_code(text: str) -> str:
    """The page's form of a description: escaped, its `backticked` parts in <code>."""
    parts = str(escape(text)).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def test_every_rule_is_listed_with_its_example_message(catalogue):
    for lang in ("kk", "ru"):
        s = maintainers.STRINGS[lang]
        content = maintainers.page(Renderer(catalogue, lang, today=dt.date(2026, 11, 22))).content
        assert f'<h2 id="rules">{s["rules_title"]} ({len(RULES)})</h2>' in content
        rows = re.findall(r'<tr id="rule-([a-z-]+)">(.*?)</tr>', content)
        assert [rule_id for rule_id, _ in rows] == [each.id for each in RULES]
        for each, (_, row) in zip(RULES, rows, strict=True):
            assert f'<th scope="row"><code lang="en" translate="no">{each.id}</code></th>' in row
            assert f"<td>{_with_code(each.description[lang])}</td>" in row
            assert f"<td>{s['scope_' + each.scope]}</td>" in row
            messages = example_messages(each)
            assert messages
            for message in messages:  # as `validate --lang kk|ru` says it, not in English
                said = in_lang(message, lang)
                assert said != message or not re.search("[a-z]{4}", message), message
                assert f'<code lang="{lang}">{escape(said)}</code>' in row
        assert "[known-region]" in content  # the lead says where the id is printed


def test_the_rules_section_keeps_the_page_s_other_counts(catalogue):
    """No link to a listing and no <li><p> of its own (the other sections count those)."""
    content = maintainers.page(Renderer(catalogue, "ru", today=dt.date(2030, 1, 1))).content
    section = content[content.index('<section aria-labelledby="rules">') :]
    assert "../centres/" not in section and "<li><p>" not in section
