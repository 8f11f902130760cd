"""The safe loader: YAML 1.2 scalars, positions, and refusals."""

from __future__ import annotations

from pathlib import Path

from generator.data.yamlload import load_file


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_file(path, "x.yaml")


def test_yaml_12_scalars_keep_yes_no_and_dates_as_text(tmp_path: Path):
    loaded = load(tmp_path, "a: yes\nb: no\nc: 2026-01-02\nd: 09:00\ne: 010\nf: true\ng: 1.5\nh: ~\ni: '150'\n")
    assert loaded.data == {
        "a": "yes",
        "b": "no",
        "c": "2026-01-02",
        "d": "09:00",
        "e": 10,
        "f": True,
        "g": 1.5,
        "h": None,
        "i": "150",
    }


def test_positions_of_keys_and_values(tmp_path: Path):
    loaded = load(tmp_path, "name:\n  kk: A\n  ru: B\nlist:\n  - x\n  - y\n")
    assert loaded.positions.of_key(("name", "ru")) == (3, 3)
    assert loaded.positions.of_value(("name", "ru")) == (3, 7)
    assert loaded.positions.of_value(("list", 1)) == (6, 5)
    # an unknown path falls back to the nearest enclosing value
    assert loaded.positions.of_value(("list", 7, "deeper")) == loaded.positions.of_value(("list",))


def test_byte_order_mark_is_accepted(tmp_path: Path):
    assert load(tmp_path, "\ufeffa: 1\n").data == {"a": 1}


def test_billion_laughs_is_refused_quickly(tmp_path: Path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    loaded = load(tmp_path, bomb)
    assert loaded.data is None
    assert "anchors (&a) are not allowed" in loaded.problems[0].message


def test_not_utf8_reports_the_line(tmp_path: Path):
    loaded = load(tmp_path, b"a: ok\nb: " + "Привет".encode("cp1251") + b"\n")
    [problem] = loaded.problems
    assert (problem.line, problem.col) == (2, 4)
    assert "not UTF-8" in problem.message and "UTF-8" in problem.hint


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path):
    loaded = load_file(tmp_path / "nope.yaml", "nope.yaml")
    assert "cannot read the file" in loaded.problems[0].message


def test_numbers_that_are_not_finite_are_refused_where_they_stand(tmp_path: Path):
    for value in (".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e999", "-1e999"):
        loaded = load(tmp_path, f"a: 1\nb:\n  - 2\n  - {value}\n")
        [problem] = loaded.problems
        assert (problem.line, problem.col) == (4, 5), value
        assert problem.message == f"`{value}` is not a number a listing can use" and problem.hint
    for text in ('".nan"', "'.inf'", "nan", "inf", "1e9"):  # quoted, or plain words and finite numbers
        assert not load(tmp_path, f"a: {text}\n").problems, text


def test_numbers_no_listing_can_use_are_refused_where_they_stand_without_a_crash(tmp_path: Path):
    # Python refuses to turn 4,301+ digits into an int (and jsonschema's messages repr them):
    # such numbers, and any beyond what JSON readers keep exactly, are refused at load time.
    for value in ("9" * 5000, "-" + "9" * 4301, "0x" + "f" * 5000, "0o" + "7" * 200, "1" * 40 + ".5", "1e300"):
        for shown in (value, "9007199254740992", "-1.0e16"):
            loaded = load(tmp_path, f"a: 1\nb:\n  - 2\n  - {shown}\n")
            [problem] = loaded.problems
            assert (problem.line, problem.col) == (4, 5), shown[:20]
            assert "is not a number a listing can use" in problem.message and problem.hint
            assert len(problem.message) < 120  # a long number is shown shortened
    for fine in ("9007199254740991", "-9007199254740991", "0x1F", "0o17", "1.5e15", "77.07", "0.000001"):
        assert not load(tmp_path, f"a: {fine}\n").problems, fine
    assert load(tmp_path, f"a: '{'9' * 5000}'\n").data == {"a": "9" * 5000}  # quoted: text, as it should be


def test_every_unusable_number_of_a_file_is_reported_at_once(tmp_path: Path):
    loaded = load(tmp_path, f"a: {'9' * 5000}\nb: .nan\nc: [1, 0x{'f' * 40}]\nd: ok\n")
    assert [(p.line, p.col) for p in loaded.problems] == [(1, 4), (2, 4), (3, 8)]
    # and those found before a problem that stops the reading are kept, in the file's order
    loaded = load(tmp_path, "a: .inf\nb: 1\nb: 2\n")
    assert [(p.line, p.message.split(" ")[0]) for p in loaded.problems] == [(1, "`.inf`"), (3, "the")]


def _load_within(seconds: float, path: Path, **kwargs):
    """load_file in a thread, failing (not hanging) if it does not return in time."""
    import threading

    out: list = []
    thread = threading.Thread(target=lambda: out.append(load_file(path, "x.yaml", **kwargs)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert out, f"load_file({path}) did not return within {seconds} s"
    return out[0]


def test_only_regular_files_are_read(tmp_path: Path):
    import os

    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")  # endless: reading it all would take every byte of memory
    for path in (fifo, zero, tmp_path):
        loaded = _load_within(5, path, follow_symlinks=True)
        [problem] = loaded.problems
        assert loaded.data is None and "not a regular file" in problem.message and problem.hint, path


def test_symbolic_links_are_refused_unless_asked_for(tmp_path: Path):
    outside = tmp_path / "secret.txt"
    outside.write_text("password: hunter2\n", encoding="utf-8")
    link = tmp_path / "x.yaml"
    link.symlink_to(outside)
    [problem] = load_file(link, "x.yaml").problems
    assert "symbolic link" in problem.message and "hunter2" not in problem.message + problem.hint
    assert load_file(link, "x.yaml", follow_symlinks=True).data == {"password": "hunter2"}


def test_control_and_bidi_characters_are_refused_written_raw_or_as_escapes(tmp_path: Path):
    # The reader refuses raw C0 controls; written as escapes they used to pass, and a raw
    # right-to-left override passed either way. Each is refused where its text starts.
    for written in (
        "\\u202e",
        "\\0",
        "\\x1b",
        "\\e",
        "\\a",
        "\\x7f",
        "\\x85",
        "\\N",
        "\\u2066",
        "\\u200f",
        "\\L",
        "\\P",
        "\\r",
        "\\ufeff",
        "\\U000E0041",
        "\u202e",
        "\u2067",
        "\u200e",
    ):
        for text in (f'a: ok\nb: "x {written} y"\n', f'a: ok\n"b{written}": 1\n'):
            loaded = load(tmp_path, text)
            assert len(loaded.problems) == 1, (text, loaded.problems)
            [problem] = loaded.problems
            assert (problem.line, problem.col) in {(2, 4), (2, 1)}, text
            assert problem.message.startswith("the ") and "a listing does not allow (U+" in problem.message
            assert "invisible" in problem.hint
    raw = load(tmp_path, 'a: "x\x1by"\n').problems[0]  # the raw form, refused by the reader, reads alike
    assert "does not allow" in raw.message and raw.hint.startswith("Remove invisible control characters")


def test_ordinary_white_space_and_joiners_in_text_are_kept(tmp_path: Path):
    text = 'a: "line\\nnext\\ttab"\nb: |\n  two\n  lines\nc: "no\\u00a0break"\nd: "👩\\u200d👧 ok"\n'
    loaded = load(tmp_path, text)
    assert not loaded.problems
    assert loaded.data == {"a": "line\nnext\ttab", "b": "two\nlines\n", "c": "no\xa0break", "d": "👩\u200d👧 ok"}
    # but a field name is one line of text
    [problem] = load(tmp_path, '"a\\nb": 1\n').problems
    assert "field name" in problem.message
