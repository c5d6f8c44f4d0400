"""The Japanese catalogue is complete and current: every text the code marks for translation
is in it and translated, and the shipped ``.qm`` is what PySide6's ``lrelease`` makes of it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "i18n" / "rnnstudio_ja.ts"
TOOLS = Path(sys.executable).parent


def tool(name: str) -> str:
    path = shutil.which(name, path=str(TOOLS)) or shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (it comes with PySide6)")
    return path


def messages(ts: Path) -> dict[str, str | None]:
    """Source -> translation (None when unfinished) of a ``.ts`` file."""
    found = {}
    for message in ET.parse(ts).iter("message"):
        translation = message.find("translation")
        finished = translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished")
        found[message.findtext("source") or ""] = translation.text if finished and translation is not None else None
    return found


def test_every_marked_text_is_in_the_catalogue_and_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in (ROOT / "rnnstudio").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(fresh)],
                   check=True, capture_output=True)
    marked, shipped = set(messages(fresh)), messages(CATALOGUE)
    assert len(marked) > 600
    assert marked - set(shipped) == set(), "texts new in the code: run pyside6-lupdate (see gui/i18n.py)"
    assert set(shipped) - marked == set(), "texts gone from the code: run pyside6-lupdate -no-obsolete"
    untranslated = [source for source, translation in shipped.items() if not translation]
    assert untranslated == []


def test_translations_keep_their_fields_and_accelerators() -> None:
    for source, translation in messages(CATALOGUE).items():
        assert translation is not None
        fields = sorted(re.findall(r"\{[^}]*\}", source))
        assert sorted(re.findall(r"\{[^}]*\}", translation)) == fields, source  # .format() fills them
        assert ("&" in source) <= ("&" in translation), source  # the menu's Alt key
        for pattern in re.findall(r"\(\*\.[^)]*\)", source):
            assert pattern in translation, source  # a file dialog's filter


def test_the_shipped_qm_is_the_catalogue_compiled(tmp_path: Path) -> None:
    compiled = tmp_path / "ja.qm"
    subprocess.run([tool("pyside6-lrelease"), str(CATALOGUE), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == (CATALOGUE.with_suffix(".qm")).read_bytes()
