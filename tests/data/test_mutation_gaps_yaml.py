"""YAML loading where a deliberate small change went unnoticed (issue 23, the mutation run):
a tag on a field name, an alias with no anchor before it, the size limit to the byte, and the
message and hint of each refusal."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.data.yamlload import MAX_BYTES, load_file


def _load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return load_file(path, "x.yaml")


def _refusals(tmp_path: Path, text: str | bytes) -> list[tuple[int, int, str, str]]:
    loaded = _load(tmp_path, text)
    return [(p.line, p.col, p.message, p.hint) for p in loaded.problems]


def test_a_tag_on_a_field_name_is_refused_where_it_stands(tmp_path: Path):
    assert _refusals(tmp_path, "id: x\n!x kind: shelter\n") == [(2, 1, "YAML tags (!x) are not allowed", "")]
    # The same tag on the value, for comparison: refused at the value, with its hint.
    assert _refusals(tmp_path, "id: x\nkind: !x shelter\n") == [
        (
            2,
            7,
            "YAML tags (!x) are not allowed",
            "Remove the part that starts with '!'; put the value in quotes if it is text.",
        )
    ]


def test_a_quoted_field_name_is_plain_text(tmp_path: Path):
    """Quotes make a scalar's tag explicit-free ("!" only): still an ordinary field."""
    loaded = _load(tmp_path, "'id': x\n\"kind\": shelter\n")
    assert loaded.ok and loaded.data == {"id": "x", "kind": "shelter"}


def test_an_alias_with_no_anchor_before_it_is_refused_as_an_alias(tmp_path: Path):
    assert _refusals(tmp_path, "id: x\nkind: *nothing\n") == [
        (2, 7, "aliases (*name) are not allowed", "Write the value out in full instead of referring to another one.")
    ]
    assert _refusals(tmp_path, "id: x\nservices: [shelter, *s]\n") == [
        (2, 21, "aliases (*name) are not allowed", "Write the value out in full instead of referring to another one.")
    ]


def test_an_anchor_is_refused_with_its_name(tmp_path: Path):
    assert _refusals(tmp_path, "id: x\nkind: &k shelter\n") == [
        (2, 7, "anchors (&k) are not allowed", "Remove the '&' part; write every value out in full.")
    ]


@pytest.mark.parametrize("size", [MAX_BYTES - 1, MAX_BYTES])
def test_a_file_of_up_to_256_kb_is_read(tmp_path: Path, size: int):
    assert MAX_BYTES == 256 * 1024
    head = b"id: x\nnote: "
    text = head + b"a" * (size - len(head) - 1) + b"\n"
    assert len(text) == size
    loaded = _load(tmp_path, text)
    assert loaded.ok, loaded.problems
    assert len(loaded.data["note"]) == size - len(head) - 1


def test_a_file_of_one_byte_more_is_refused(tmp_path: Path):
    text = b"id: x\nnote: " + b"a" * (MAX_BYTES - 12) + b"\n"
    assert len(text) == MAX_BYTES + 1
    assert _refusals(tmp_path, text) == [
        (
            1,
            1,
            "the file is 256 KB; a listing must be under 256 KB",
            "A listing is a few kilobytes of text. Check that the right file was saved here.",
        )
    ]


def test_refusals_while_reading_say_where_and_what_to_do(tmp_path: Path):
    assert _refusals(tmp_path, b"id: x\nkind: \xff\n") == [
        (
            2,
            7,
            "the file is not UTF-8 text (byte 0xff cannot be read)",
            "Save the file as UTF-8. In most editors: 'Save with encoding' > UTF-8.",
        )
    ]
    assert _refusals(tmp_path, "# only a comment\n\n") == [
        (1, 1, "the file is empty", "Copy schema/template.yaml and fill it in.")
    ]
    [(line, col, message, hint)] = _refusals(tmp_path, "id: x\nkind: a\x07b\n")
    assert (line, col) == (2, 8)
    assert message.startswith("the file contains a character YAML does not allow")
    assert hint == "Remove invisible control characters; retype the line if unsure."
    assert _refusals(tmp_path, "id: x\n---\nid: y\n") == [
        (2, 1, "the file holds more than one YAML document", "Remove the '---' line: one file holds one listing.")
    ]


def test_a_file_too_big_is_refused_even_if_its_size_cannot_be_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The size in the message comes from the file system; if it is gone by then, from what was read."""
    from generator.data import yamlload

    path = tmp_path / "x.yaml"
    path.write_bytes(b"id: x\nnote: " + b"a" * (2 * MAX_BYTES) + b"\n")

    def gone(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    # yamlload's own `os` only: the reading itself (generator/data/files.py) still asks it.
    monkeypatch.setattr(yamlload, "os", SimpleNamespace(stat=gone))
    [problem] = load_file(path, "x.yaml").problems
    assert problem.message == "the file is 256 KB; a listing must be under 256 KB"


def test_positions_fall_back_to_the_nearest_known_place_then_the_first_line():
    from generator.data.yamlload import Positions

    empty = Positions()
    assert empty.of_value(("a", "b")) == (1, 1) and empty.of_key(("a", "b")) == (1, 1)
    known = Positions(values={(): (2, 1), ("a",): (3, 4)}, keys={("a",): (3, 1)})
    assert known.of_value(("a", "b")) == (3, 4) and known.of_key(("a", "b")) == (3, 1)
    assert known.of_value(("z",)) == (2, 1) and known.of_key(("z",)) == (1, 1)


def test_a_byte_that_is_not_utf8_is_placed_on_its_line_after_a_first_empty_line(tmp_path: Path):
    [(line, col, message, _)] = _refusals(tmp_path, b"\nid: x\nkind: \xff\n")
    assert (line, col) == (3, 7) and "byte 0xff" in message


def test_the_number_of_values_is_limited_to_the_value(tmp_path: Path):
    """20,000 values are read (the mapping itself is one); one more is refused. The number is
    written here, not read from the module, so a changed limit is noticed."""

    def listing(values: int) -> str:
        return "".join(f"k{i}: {i}\n" for i in range(values - 1))

    assert _load(tmp_path, listing(20_000)).ok
    assert _refusals(tmp_path, listing(20_001))[0][2] == "the file has far too many values for a listing"


def test_a_yaml_error_points_at_its_place_and_names_the_unclosed_quote(tmp_path: Path):
    assert _refusals(tmp_path, 'id: x\nname: "ok"\nkind: a: b\n') == [
        (
            3,
            8,
            "the file is not valid YAML: mapping values are not allowed in this context",
            "A value that contains ': ' must be put in quotes, e.g. name: \"Centre: shelter\".",
        )
    ]
    # Line 2's quotes pair up; line 3's does not, and the error comes two lines later.
    [(line, col, message, hint)] = _refusals(tmp_path, 'id: x\nname: "ok"\nnote: "open\nkind: a: b\n')
    assert (line, col, message) == (5, 1, "the file is not valid YAML: found unexpected end of stream")
    assert hint.startswith('Line 3 opens a quote (") that is never closed on that line. ')


def test_a_tab_is_blamed_only_at_or_before_the_error(tmp_path: Path):
    # The error is in column 1; the tab after it (a separator YAML allows after "-") is not the
    # cause, and telling the editor to replace tabs would send her looking for the wrong thing.
    assert _refusals(tmp_path, "key: value\n-\tx\n") == [
        (
            2,
            1,
            "the file is not valid YAML: did not find expected key",
            "Check the indentation: fields at the same level must start in the same column.",
        )
    ]
    # A tab in column 1 is the cause, and is named.
    tab = _refusals(tmp_path, "key: value\n\tother: x\n")
    assert [(line, message) for line, _, message, _ in tab] == [(2, "a tab character is used for indentation")]
