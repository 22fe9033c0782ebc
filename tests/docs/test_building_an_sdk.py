"""The foreign SDK that docs/building-an-sdk.md builds stays small: its glue (imports and
function bodies, as ``scripts/facade_lines.py`` counts them) is at most 120 lines. The page
itself, spec to passing tests, runs in test_docs_examples like every page."""

from __future__ import annotations

from pathlib import Path

from facade_lines import count

from .test_docs_examples import ROOT, blocks

PAGE = ROOT / "docs" / "building-an-sdk.md"


def test_the_pages_sdk_glue_is_at_most_120_lines(tmp_path: Path) -> None:
    files = {block.arg: block.body for block in blocks(PAGE) if block.mode == "file"}
    assert set(files) == {"batches.yaml", "batches_sdk.py"}
    (tmp_path / "batches_sdk.py").write_text(files["batches_sdk.py"])
    totals = count(tmp_path)
    assert 0 < totals["glue"] <= 120, dict(totals)
