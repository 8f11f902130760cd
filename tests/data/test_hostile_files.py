"""`python -m generator validate` on a data folder built to break it: it reports, it never crashes.

Each entry below was found to crash, hang or mislead the validator (issue 14, part 5).
The command must exit 0, 1 or 2, print no traceback, put every problem on one
positioned line, and finish in bounded time, whatever the output encoding.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import CORPUS, ROOT, make_data_dir

BASE = (CORPUS / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
POSITIONED = re.compile(r"^[^\n]+:\d+:\d+: (error|warning): ")


def listing(listing_id: str, old: str = "", new: str = "") -> str:
    text = BASE.replace("id: almaty-corpus-base", f"id: {listing_id}")
    assert old in text
    return text.replace(old, new, 1)


def hostile_data(tmp_path: Path) -> Path:
    data = make_data_dir(tmp_path / "data")
    centres = data / "centres"
    secret = tmp_path / "secret.txt"
    secret.write_text("top-secret-token: 1234\n", encoding="utf-8")

    def write(name: str | bytes, text: str) -> None:
        path = os.path.join(os.fsencode(centres), name) if isinstance(name, bytes) else centres / name
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)

    write("big-int.yaml", listing("big-int", "age_min: 18", "age_min: " + "9" * 5000))
    write("big-hex.yaml", listing("big-hex", "age_min: 18", "age_min: 0x" + "f" * 5000))
    write("big-float.yaml", listing("big-float", "age_min: 18", "age_min: 1e308"))
    write(
        "forged-key.yaml", listing("forged-key", "kind: shelter", 'kind: shelter\n"x\\nforged.yaml:1:1: error: x": 1')
    )
    write(
        "forged-value.yaml",
        listing("forged-value", "kind: shelter", 'kind: "shelter\\nforged.yaml:1:1: error: forged"'),
    )
    write("escapes.yaml", listing("escapes", "kind: shelter", 'kind: shelter\nnotes: "a\\u202eb \\0 \\x1b[31m"'))
    write(b"not-utf8-\xff\xfe.yaml", listing("not-utf8"))
    write("line\nbreak.yaml:1:1: error: forged.yaml", listing("line-break"))
    write(".gitkeep", "")
    (centres / "folder").mkdir()
    (centres / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (centres / "secret.yaml").symlink_to(secret)
    os.mkfifo(centres / "pipe.yaml")
    (data / "services.yaml").unlink()
    (data / "services.yaml").symlink_to("/dev/zero")
    (data / "cities.yaml").unlink()
    os.mkfifo(data / "cities.yaml")
    return data


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C"},
        {"PYTHONIOENCODING": "ascii:strict", "LC_ALL": "C"},
        {"LC_ALL": "C.UTF-8"},
    ],
    ids=["utf8-strict", "ascii-strict", "default"],
)
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_survives_a_hostile_data_folder(tmp_path: Path, env: dict[str, str], fmt: str):
    data = hostile_data(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--data", os.fsencode(data), "--format", fmt],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,  # a pipe or /dev/zero read to the end would never finish
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", **env},
    )
    stdout = result.stdout.decode("utf-8")  # whatever the encoding asked for, the output is UTF-8 or ASCII
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1, stderr[-2000:]
    assert "Traceback" not in stdout + stderr
    assert "top-secret" not in stdout + stderr  # a link to a file outside is never followed, never quoted
    lines = stdout.splitlines()
    if fmt == "text":
        for line in lines:
            assert line.startswith("    hint: ") or POSITIONED.match(line), line
        problems = [ln for ln in lines if not ln.startswith("    hint: ")]
    else:
        for line in lines:
            assert re.match(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]+::", line), line
        problems = lines
    assert not any(ln.startswith(("forged.yaml", "x.yaml")) for ln in lines)
    shown = "\n".join(problems)
    for name in ("big-int", "big-hex", "big-float", "forged-key", "escapes", "dangling", "secret", "pipe", "folder"):
        assert name in shown, name
    assert "not-utf8-\\xff\\xfe.yaml" in shown  # the name's bytes that are not UTF-8, shown as escapes
    assert "services.yaml" in shown and "cities.yaml" in shown and ".gitkeep" in shown
    assert "error(s)" in stderr


def test_output_that_cannot_encode_a_message_escapes_it_instead_of_crashing(tmp_path: Path):
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / "bad-kind.yaml").write_text(listing("bad-kind", "kind: shelter", "kind: қазақ"))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--data", str(data)],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "ascii:strict"},
    )
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"\\u049b\\u0430\\u0437\\u0430\\u049b" in result.stdout  # қазақ, escaped by the ASCII output
