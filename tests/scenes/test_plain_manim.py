"""A scene renders with Manim's own command on its defaults (the contract test checks every scene loads)."""

from __future__ import annotations

import subprocess
import sys

from scenes.kit import registry


def test_plain_manim_renders_a_still(tmp_path):
    entry = registry.get("hinge-loss")
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
            str(entry.source),
            entry.class_name,
        ],
        cwd=registry.ROOT.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert list(tmp_path.rglob(f"{entry.class_name}*.png")), run.stdout[-500:]
