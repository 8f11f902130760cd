"""An issue as GitHub renders a form: which of our forms it is, in which language, and its answers.

GitHub writes a submitted issue form as Markdown: for every field, `### <label>`, a blank line
and the answer (`_No response_` when an optional field was left empty; `- [X] option` lines for
checkboxes). The labels are the only link back to the form, so the forms themselves
(.github/ISSUE_TEMPLATE/*.yml) are read to map each label to its field id: a form can change
its wording, gain a field or get a third language without touching this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import ROOT
from generator.data.model import Lang

FORMS_DIR = ROOT / ".github" / "ISSUE_TEMPLATE"
NO_RESPONSE = "_No response_"
# What each form does, from the labels it puts on the issue.
ACTIONS = {"add-centre": "add", "correction": "correct", "unreachable": "closed"}
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.MULTILINE)
_CHECKED = re.compile(r"^\s*[-*]\s*\[[xX]\]\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Form:
    file: str
    lang: Lang
    action: str  # add, correct or closed
    labels: tuple[str, ...]  # the labels the form puts on an issue
    ids: dict[str, str]  # field label -> field id
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)  # dropdown/checkboxes id -> options
    kinds: dict[str, str] = field(default_factory=dict)  # field id -> input, textarea, dropdown, checkboxes


@dataclass
class Answers:
    """One filled-in form: its answers by field id, as text (checkboxes as a list of options)."""

    form: Form
    values: dict[str, str]
    checked: dict[str, list[str]]

    def text(self, field_id: str) -> str:
        return self.values.get(field_id, "")

    def label(self, field_id: str) -> str:
        return next((label for label, fid in self.form.ids.items() if fid == field_id), field_id)

    def option_index(self, field_id: str) -> int | None:
        """Which option of a dropdown was chosen (the same position in every language)."""
        answer = self.text(field_id)
        options = self.form.options.get(field_id, ())
        return options.index(answer) if answer in options else None

    def checked_indexes(self, field_id: str) -> list[int]:
        options = self.form.options.get(field_id, ())
        return [options.index(o) for o in self.checked.get(field_id, []) if o in options]


def load_forms(forms_dir: Path = FORMS_DIR) -> list[Form]:
    forms = []
    for path in sorted(forms_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "body" not in data:
            continue  # config.yml
        lang: Lang = "kk" if path.stem.endswith("-kk") else "ru"
        labels = tuple(data.get("labels") or ())
        action = next((ACTIONS[label] for label in labels if label in ACTIONS), "")
        ids: dict[str, str] = {}
        options: dict[str, tuple[str, ...]] = {}
        kinds: dict[str, str] = {}
        for block in data["body"]:
            if "id" not in block:
                continue
            attrs = block.get("attributes") or {}
            ids[str(attrs.get("label", "")).strip()] = block["id"]
            kinds[block["id"]] = block["type"]
            raw = attrs.get("options") or []
            options[block["id"]] = tuple(str(o["label"] if isinstance(o, dict) else o).strip() for o in raw)
        if action:  # a form this tool turns into a change (not "improve a translation")
            forms.append(Form(path.name, lang, action, labels, ids, options, kinds))
    return forms


def sections(body: str) -> dict[str, str]:
    """`### label` -> the answer below it, stripped; an empty answer is ""."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    heads = list(_HEADING.finditer(body))
    found: dict[str, str] = {}
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        answer = body[head.end() : end].strip()
        found[_squeeze(head.group(1))] = "" if answer == NO_RESPONSE else answer
    return found


def read(body: str, forms: list[Form]) -> Answers | None:
    """The answers of the form whose labels the body uses most; None if it matches none."""
    found = sections(body)
    best: tuple[int, Form] | None = None
    for form in forms:
        score = sum(1 for label in found if label in {_squeeze(k) for k in form.ids})
        if score and (best is None or score > best[0]):
            best = (score, form)
    if best is None or best[0] < 2:
        return None
    form = best[1]
    by_label = {_squeeze(label): fid for label, fid in form.ids.items()}
    values: dict[str, str] = {}
    checked: dict[str, list[str]] = {}
    for label, answer in found.items():
        fid = by_label.get(label)
        if fid is None:
            continue
        if form.kinds.get(fid) == "checkboxes":
            checked[fid] = [_squeeze(m.group(1)) for m in _CHECKED.finditer(answer)]
        else:
            values[fid] = answer if form.kinds.get(fid) == "textarea" else _squeeze(answer)
    return Answers(form, values, checked)


def _squeeze(text: str) -> str:
    return " ".join(text.split())
