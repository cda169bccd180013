"""Every scene also renders with Manim's own command on its defaults."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scenes import registry

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("entry", registry.LECTURE, ids=registry.names())
def test_plain_manim_renders_last_frame(entry, tmp_path):
    module, _, cls = entry.target.partition(":")
    source = ROOT / (module.replace(".", "/") + ".py")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "manim",
            "render",
            "-ql",
            "-s",
            "--media_dir",
            str(tmp_path),
            str(source),
            cls,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    images = list(tmp_path.rglob(f"{cls}*.png"))
    assert images, f"no still written: {run.stdout[-500:]}"
