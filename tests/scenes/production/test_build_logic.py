"""``build`` without Manim: what renders, what is restored, what survives an interruption (stub renderer)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from scenes.cli.options import plan_jobs
from scenes.production import workers
from scenes.production.build import BuildRequest, build, selection_name


class StubRenderer:
    """Writes a fake quality folder for a job (as render_job lays it out); counts the calls."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.rendered: list[str] = []
        self.fail_on = fail_on

    def __call__(self, task_id, job, work: Path, on_step):
        if job.stem == self.fail_on:
            raise KeyboardInterrupt("stopped")
        if on_step is not None:
            on_step(task_id, 0, "a")
        folder = work / job.quality
        (folder / job.stem).mkdir(parents=True)
        (folder / job.stem / "01_a.png").write_bytes(b"png")
        (folder / f"{job.stem}.mp4").write_bytes(repr(job.params).encode())
        manifest = {"scene": job.name, "stem": job.stem, "steps": [], "files": []}
        (folder / f"{job.stem}.json").write_text(json.dumps(manifest))
        self.rendered.append(job.stem)
        return task_id


@pytest.fixture
def stub(monkeypatch):
    renderer = StubRenderer()
    monkeypatch.setattr(workers, "_render", renderer)
    return renderer


def request(out: Path, *sets: str, scenes=("hinge-loss", "softmax"), lang="en") -> BuildRequest:
    jobs = plan_jobs(scenes, assignments=sets, flags={"lang": lang})
    return BuildRequest(tuple(jobs), out, workers=1)


def test_only_what_changed_renders_and_the_cache_restores(tmp_path: Path, stub):
    manifests = build(request(tmp_path, "softmax.scores=[1, 2, 3]", lang="en,zh"), progress=False)
    assert stub.rendered == ["hinge-loss", "hinge-loss.zh", "softmax", "softmax.zh"]
    names = ["hinge-loss", "hinge-loss.zh", "softmax", "softmax.zh"]
    assert manifests == [tmp_path / "low" / f"{n}.json" for n in names]
    assert all(m.is_file() for m in manifests)
    assert (tmp_path / "low/softmax.zh/01_a.png").is_file()

    build(request(tmp_path, "softmax.scores=[1, 2, 3]", lang="en,zh"), progress=False)
    assert len(stub.rendered) == 4  # nothing changed: nothing rendered

    build(request(tmp_path, "softmax.scores=[1, 2, 4]", lang="en,zh"), progress=False)
    assert stub.rendered[4:] == ["softmax", "softmax.zh"]  # that scene only
    assert b"4.0" in (tmp_path / "low/softmax.mp4").read_bytes()

    build(request(tmp_path, "softmax.scores=[1, 2, 3]", lang="en,zh"), progress=False)
    assert len(stub.rendered) == 6  # the earlier outputs came back from the cache
    assert b"4.0" not in (tmp_path / "low/softmax.mp4").read_bytes()

    (tmp_path / "low/hinge-loss.json").write_text("{}")  # `lecture render` replaced it
    build(request(tmp_path, "softmax.scores=[1, 2, 3]", lang="en,zh"), progress=False)
    assert len(stub.rendered) == 6  # restored, not rendered
    assert json.loads((tmp_path / "low/hinge-loss.json").read_text())["stem"] == "hinge-loss"
    assert not list((tmp_path / ".cache").glob("work/*"))
    assert not list((tmp_path / "low").glob(".tmp-*"))


def test_an_interrupted_build_keeps_what_was_finished(tmp_path: Path, monkeypatch):
    renderer = StubRenderer(fail_on="softmax")
    monkeypatch.setattr(workers, "_render", renderer)
    with pytest.raises(KeyboardInterrupt):
        build(request(tmp_path), progress=False)
    assert renderer.rendered == ["hinge-loss"]
    assert (tmp_path / "low/hinge-loss.json").is_file()
    assert not (tmp_path / "low/softmax.json").exists()
    assert not list((tmp_path / ".cache").glob("work/*"))
    assert not list((tmp_path / "low").glob(".tmp-*"))
    renderer.fail_on = None
    build(request(tmp_path), progress=False)
    assert renderer.rendered == ["hinge-loss", "softmax"]  # the finished one was kept


def test_progress_shows_one_line_per_job(tmp_path: Path, stub, capsys):
    build(request(tmp_path), progress=True)
    err = capsys.readouterr().err
    assert "hinge-loss (low, mp4): rendered in" in err
    assert "softmax (low, mp4): rendered in" in err
    build(request(tmp_path), progress=True)  # nothing to do: silent
    assert capsys.readouterr().err == ""


def test_selection_names():
    assert selection_name(["all"]) == "lecture"
    assert selection_name(["ch1", "ch2", "ch3"]) == "lecture"
    assert selection_name(["ch2"]) == "ch2"
    assert selection_name(["softmax", "hinge-loss"]) == "hinge-loss+softmax"


def test_jobs_of_a_request_are_kept_in_lecture_order(tmp_path: Path, stub):
    jobs = plan_jobs(["softmax", "knn-vote"])
    assert [j.name for j in jobs] == ["knn-vote", "softmax"]
    req = BuildRequest(tuple(jobs), tmp_path, workers=1)
    assert [p.stem for p in build(req, progress=False)] == ["knn-vote", "softmax"]
    assert dataclasses.replace(req, workers=None).workers is None


def test_entries_of_older_code_are_pruned_after_a_build_that_rendered(tmp_path: Path, stub,
                                                                     monkeypatch):  # fmt: skip
    from scenes.production import build as build_module

    monkeypatch.setattr(build_module, "code_digest", lambda: "old code")
    build(request(tmp_path, "softmax.scores=[1, 2, 3]"), progress=False)
    build(request(tmp_path, "softmax.scores=[1, 2, 4]"), progress=False)
    objects = tmp_path / ".cache/objects"
    assert len(list(objects.iterdir())) == 3  # both softmax versions are kept
    monkeypatch.setattr(build_module, "code_digest", lambda: "new code")
    build(request(tmp_path, scenes=("hinge-loss",)), progress=False)
    (entry,) = objects.iterdir()  # only what the new code made
    assert json.loads((entry / ".complete").read_text())["code"] == "new code"
    assert (tmp_path / "low/softmax.json").is_file()  # published outputs are copies: kept
