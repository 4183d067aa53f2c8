"""The READMEs' Python blocks run as written.

Every ```python block of the repository's README.md and of python/README.md
is executed in a fresh namespace, in a temporary directory holding a copy of
the repository's `examples/`: the paths a block names resolve as they do from
the root of a clean clone, and the files it writes land outside the
repository. A block meant only to be read follows a `<!-- no-test -->` line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READMES = [ROOT / "README.md", ROOT / "python" / "README.md"]
BLOCK = re.compile(r"^(<!-- no-test -->\n)?```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks() -> list:
    """One test case per block, named by its README and first line."""
    found = []
    for readme in READMES:
        text = readme.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start(2)) + 1
            name = f"{readme.relative_to(ROOT).as_posix()}:{line}"
            marks = [pytest.mark.skip(reason="marked <!-- no-test -->")] if match[1] else []
            found.append(pytest.param(readme, line, match[2], id=name, marks=marks))
    return found


def test_every_readme_has_a_python_block() -> None:
    assert {values[0] for values, *_ in blocks()} == set(READMES)


@pytest.mark.parametrize(("readme", "line", "code"), blocks())
def test_readme_block(readme: Path, line: int, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    # Padded so that a traceback names the README's own line numbers.
    exec(compile("\n" * (line - 1) + code, str(readme), "exec"), {"__name__": "__readme__"})
