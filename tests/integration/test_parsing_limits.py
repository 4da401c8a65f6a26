"""Bad numbers, times and files from the command line get one clear line, never a traceback or
an "unexpected error": huge ids, overflowing times, a take too short to be one, a picture
renamed .mp4, a pack naming a take three times, one bad take in a question's pack."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from taketwo.analysis.result import AnalysisError
from taketwo.analysis.voice import PRAAT_RATE, analyse_voice
from taketwo.cli import main
from tests.support.library_media import make_video


@pytest.fixture
def cli(tmp_path, capsys):
    folder = tmp_path / "library"

    def run(*argv):
        try:
            code = main([*argv, "--library", str(folder)])
        except SystemExit as exc:  # argparse's own refusal: usage, then one error line
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    run("question", "add", "Why this job?")
    for seconds in (1.0, 1.2):
        src = make_video(tmp_path / "src.mp4", seconds, size=(160, 120), fps=15)
        assert run("take", "import", str(src), "--question", "1")[0] == 0
    run.folder = folder
    return run


def one_clear_line(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1, err
    assert "unexpected" not in err, err
    assert "Traceback" not in err, err
    assert len(lines[0]) < 300, lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("take", "show", "9" * 5001), "no id is that large"),
        (("analyze", str(2**63 + 1)), "no id is that large"),
        (("analyze", "9" * 5001), "no id is that large"),
        (("take", "export", "1", "--start", "1e308", "--output", "x.mp4"), "longer than any"),
    ],
)
def test_huge_numbers_get_one_clear_line(cli, argv, said):
    code, _out, err = cli(*argv)
    assert code != 0
    assert said in one_clear_line(err)


@pytest.mark.parametrize("argv", [("--seconds", "1e-9"), ("--preset", "bogus")])
def test_record_refuses_what_cannot_make_a_take(cli, tmp_path, argv):
    out = tmp_path / "take.mp4"
    code, _out, err = cli(
        "record", "--output", str(out), *argv, "--camera", "demo", "--mic", "demo", "--quiet"
    )
    assert code != 0
    one_clear_line(err)
    assert not out.exists()


def test_a_picture_renamed_mp4_is_not_a_take(cli, tmp_path):
    fake = tmp_path / "holiday.mp4"
    Image.new("RGB", (64, 48), "red").save(fake, format="PNG")
    code, _out, err = cli("take", "import", str(fake), "--question", "1")
    assert code == 1
    assert "is a picture" in one_clear_line(err)


def test_a_take_named_three_times_is_packed_once(cli, tmp_path):
    code, out, err = cli("pack", "--takes", "1,1,1", "--output", str(tmp_path / "p.zip"), "--json")
    assert code == 0, err
    assert json.loads(out)["takes"] == [1]


def test_one_bad_take_is_left_out_of_a_question_pack_and_named(cli, tmp_path):
    bad = next(cli.folder.glob("media/*/take-001-*.mp4"))
    bad.write_bytes(b"")
    code, out, err = cli("pack", "--question", "1", "--output", str(tmp_path / "p.zip"), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["takes"] == [2]
    assert data["skipped"] == ["take 1: its file holds no recording"]


@pytest.mark.parametrize("seconds", [0.1, 0.1003])
def test_too_little_audio_says_so_instead_of_a_praat_error(seconds):
    samples = np.random.default_rng(1).normal(0, 0.1, int(PRAAT_RATE * seconds))
    with pytest.raises(AnalysisError, match="too little audio"):
        analyse_voice(samples.astype(np.float32))
