"""The one-folder bundle (packaging/build-bundle.sh) runs Take Two like the source does.

Building takes about a minute, so one build serves the whole module; set TAKETWO_BUNDLE to a
bundle folder already built from this checkout to skip it (refused under CI, and when any
source or resource file is newer than it).
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import taketwo
from taketwo.paths import resources_dir
from tests.support.media_checks import decodes_cleanly, ffprobe, stream
from tests.support.needs import in_ci

pytestmark = [pytest.mark.slow, pytest.mark.bundle]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("TAKETWO_BUNDLE")
    if prebuilt:
        if in_ci():
            pytest.fail("TAKETWO_BUNDLE is set: CI tests the bundle it builds from this checkout")
        return fresh(Path(prebuilt))
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build-bundle.sh"), str(dist)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dist / "taketwo"


def fresh(bundle: Path) -> Path:
    """``bundle`` if it was built after every source and resource file changed; a stale one
    would test yesterday's code and pass."""
    built = (bundle / "taketwo").stat().st_mtime
    sources = [*(ROOT / "app" / "taketwo").rglob("*.py"), *(ROOT / "resources").rglob("*")]
    newer = [p for p in sources if p.is_file() and p.stat().st_mtime > built]
    if newer:
        pytest.fail(f"TAKETWO_BUNDLE {bundle} is older than {newer[0]}; rebuild it or unset it")
    return bundle


def outside_env(tmp_path: Path) -> dict[str, str]:
    """No virtualenv, no checkout on any path: what a machine with just the bundle has."""
    keep = ("QT_QPA_PLATFORM", "QT_LOGGING_RULES", "LANG")
    env = {k: v for k, v in os.environ.items() if k in keep}
    return env | {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TAKETWO_LIBRARY": str(tmp_path / "library"),
    }


def run_bundle(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / "taketwo"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=outside_env(tmp_path),
    )


def test_version(bundle, tmp_path):
    proc = run_bundle(bundle, tmp_path, "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"taketwo {taketwo.__version__}"


def test_doctor_reports_every_check_as_the_source_does(bundle, tmp_path):
    from_bundle = run_bundle(bundle, tmp_path, "doctor", "--json")
    from_source = subprocess.run(
        [sys.executable, "-m", "taketwo", "doctor", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"TAKETWO_LIBRARY": str(tmp_path / "library")},
    )
    assert "Traceback" not in from_bundle.stderr
    bundled = {c["name"]: c["status"] for c in json.loads(from_bundle.stdout)}
    source = {c["name"]: c["status"] for c in json.loads(from_source.stdout)}
    assert list(bundled) == list(source)
    # Devices depend on the environment (a PulseAudio test server, say), not on the bundle.
    # The Qt check starts the bundle's own program again to try Qt (see bundle_main.py).
    for name in ("Qt display", "PortAudio", "Encoders"):
        assert bundled[name] == source[name] == "ok", name


def test_a_demo_recording_is_a_real_take(bundle, tmp_path):
    take = tmp_path / "X.mp4"
    proc = run_bundle(
        bundle,
        tmp_path,
        "record",
        "--camera",
        "demo",
        "--mic",
        "demo",
        "--seconds",
        "3",
        "--output",
        str(take),
    )
    assert proc.returncode == 0, proc.stderr
    info = ffprobe(take)
    assert stream(info, "video")["codec_name"] == "h264"
    assert stream(info, "audio")["codec_name"] == "aac"
    assert 2.8 <= float(info["format"]["duration"]) <= 3.5
    assert decodes_cleanly(take)[0]


def test_the_bundle_analyses_a_take_in_its_child_process(bundle, tmp_path):
    # The analysis child is the bundle's own program run with -c (analysis/child.py).
    take = tmp_path / "X.mp4"
    args = ["record", "--camera", "demo", "--mic", "demo", "--seconds", "3", "--output", str(take)]
    assert run_bundle(bundle, tmp_path, *args).returncode == 0
    proc = run_bundle(bundle, tmp_path, "analyze", str(take), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["duration_s"] == pytest.approx(3.0, abs=0.5)
    assert "no_speech" in result["warnings"]  # the demo microphone only beeps
    assert result["loudness"]["true_peak_dbtp"] is not None
    assert result["framing"]["frames"] >= 2


def test_the_bundle_carries_every_resource_and_starts_on_the_bank_question(bundle, tmp_path):
    # `taketwo -c` runs code inside the bundle, the way doctor's Qt probe does.
    code = (
        "import json; from taketwo.paths import resources_dir; "
        "from taketwo.ui.shell.app import sample_question; "
        "print(json.dumps([str(resources_dir()), sample_question().prompt]))"
    )
    proc = run_bundle(bundle, tmp_path, "-c", code)
    assert proc.returncode == 0, proc.stderr
    folder, prompt = json.loads(proc.stdout)
    assert Path(folder).is_relative_to(bundle)
    source = resources_dir()
    for path in source.rglob("*"):
        if path.is_file():
            assert (Path(folder) / path.relative_to(source)).read_bytes() == path.read_bytes()
    bank = json.loads((source / "question_bank.json").read_text(encoding="utf-8"))
    assert prompt == bank["questions"][0]["prompt"]


def test_the_licence_notice_names_the_gpl_libraries(bundle):
    notice = (bundle / "NOTICE-bundled-libraries.txt").read_text(encoding="utf-8")
    for name in ("x264", "x265", "FFmpeg", "GPL", "PyAV"):
        assert name in notice
    assert (bundle / "licenses" / "GPL-2").is_file()
    assert (bundle / "licenses" / "GPL-3").is_file()


def test_unused_qt_is_left_out(bundle):
    qt = bundle / "_internal" / "PySide6" / "Qt"
    assert not list(qt.glob("lib/libQt6WebEngine*"))
    assert not list(qt.glob("lib/libQt6Quick3D*"))
    assert not (qt / "translations").exists()
    assert (qt / "qml" / "QtMultimedia" / "qmldir").is_file()  # the player's AudioOutput


def test_the_player_makes_its_audio_output_through_qml(bundle, tmp_path):
    # ui/playback/player.py falls back quietly without the QtMultimedia QML module the spec keeps.
    code = (
        "from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from PySide6.QtCore import QObject; from taketwo.ui.playback import player; "
        "player.make_audio_output(QObject()); "
        "print(player._audio_factory[1].isError())"
    )
    proc = run_bundle(bundle, tmp_path, "-c", code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_every_module_of_take_two_imports_inside_the_bundle(bundle, tmp_path):
    # Catches a module the spec leaves out (an excluded Qt module, say) before a user does.
    code = (
        "import importlib, pkgutil, taketwo\n"
        "names = [m.name for m in pkgutil.walk_packages(taketwo.__path__, 'taketwo.')\n"
        "         if m.name != 'taketwo.__main__']\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names))"
    )
    proc = run_bundle(bundle, tmp_path, "-c", code)
    assert proc.returncode == 0, proc.stderr
    source = [m.name for m in pkgutil.walk_packages(taketwo.__path__, "taketwo.")]
    assert int(proc.stdout.strip()) == len(source) - 1
