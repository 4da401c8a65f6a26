"""`taketwo take export`, `taketwo pack` and `taketwo feedback` as a script uses them."""

from __future__ import annotations

import json
import zipfile

import pytest

from taketwo.cli import main
from tests.support.library_media import make_video
from tests.support.media_checks import ffprobe, stream


@pytest.fixture
def cli(tmp_path, capsys):
    folder = tmp_path / "library"

    def run(*argv):
        code = main([*argv, "--library", str(folder)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def ok(result):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def test_export_pack_and_feedback_round_trip(cli, tmp_path):
    ok(cli("question", "add", "Why this job?", "--json"))
    src = make_video(tmp_path / "src.mp4", 4.0, size=(160, 120), fps=15)
    take = ok(cli("take", "import", str(src), "--question", "1", "--json"))
    clip = tmp_path / "clip.mp4"
    done = ok(
        cli(
            "take",
            "export",
            str(take["id"]),
            "--start",
            "0.5",
            "--end",
            "2.75",
            "--output",
            str(clip),
            "--title-card",
            "--json",
        )
    )
    assert done["title_card"] is True
    assert abs(float(stream(ffprobe(clip), "video")["duration"]) - 4.25) <= 1 / 15
    code, _out, err = cli("take", "export", str(take["id"]), "--output", str(clip))
    assert code == 1
    assert "already exists" in err
    assert "Traceback" not in err
    code, _out, err = cli(
        "take",
        "export",
        str(take["id"]),
        "--start",
        "3",
        "--end",
        "2",
        "--output",
        str(tmp_path / "x.mp4"),
    )
    assert (code, "before the end" in err) == (1, True)
    code, _out, err = cli(
        "take", "export", str(take["id"]), "--output", str(tmp_path / "no" / "x.mp4")
    )
    assert (code, "does not exist" in err) == (1, True)

    pack = tmp_path / "pack.zip"
    packed = ok(cli("pack", "--question", "1", "--ask", "Pace?", "--output", str(pack), "--json"))
    with zipfile.ZipFile(pack) as zf:
        assert "index.html" in zf.namelist()
    feedback = tmp_path / "feedback.json"
    feedback.write_text(
        json.dumps(
            {
                "format": "taketwo-feedback",
                "version": 1,
                "pack_id": packed["pack_id"],
                "coach": "Sam",
                "comments": [{"take_id": take["id"], "at": 1.5, "text": "Pause here"}],
            }
        )
    )
    imported = ok(cli("feedback", "import", str(feedback), "--json"))
    assert imported["comments"] == 1
    listed = ok(cli("feedback", "list", str(take["id"]), "--json"))
    assert [(c["at"], c["text"], c["coach"]) for c in listed] == [(1.5, "Pause here", "Sam")]
    code, out, _ = cli("feedback", "list", str(take["id"]))
    assert "0:01.5 (Sam)  Pause here" in out

    feedback.write_text("not json")
    code, _out, err = cli("feedback", "import", str(feedback))
    assert (code, "not JSON" in err) == (1, True)
    assert len(ok(cli("feedback", "list", str(take["id"]), "--json"))) == 1


@pytest.mark.slow
def test_ctrl_c_cancels_an_export_cleanly(tmp_path):
    import signal
    import subprocess
    import sys

    from tests.support.waits import wait_until

    library = tmp_path / "library"
    src = make_video(tmp_path / "src.mp4", 15.0, size=(640, 480), fps=30)
    base = [sys.executable, "-m", "taketwo", "--library", str(library)]
    subprocess.run([*base, "question", "add", "Why this job?"], check=True, capture_output=True)
    subprocess.run(
        [*base, "take", "import", str(src), "--question", "1"], check=True, capture_output=True
    )
    out = tmp_path / "out" / "clip.mp4"
    out.parent.mkdir()

    def started() -> bool:
        return any(out.parent.glob(".clip.mp4.taketwo-*.partial"))

    proc = subprocess.Popen(
        [*base, "take", "export", "1", "--title-card", "--output", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until(lambda: started() or proc.poll() is not None, step=0.01)
    assert proc.poll() is None, "the export finished before it could be cancelled"
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert "cancelled; nothing was written" in err
    assert "Traceback" not in err
    assert list(out.parent.iterdir()) == []
