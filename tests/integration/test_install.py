"""Installing Take Two: a wheel in a fresh virtualenv, the set-up script's link and menu entry."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from taketwo.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]
DESKTOP_ID = "io.github.taketwo.TakeTwo"


@pytest.mark.slow
def test_a_wheel_carries_resources_and_runs_from_a_fresh_venv(tmp_path):
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            str(ROOT),
            "-w",
            str(tmp_path / "wheels"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "wheels").glob("taketwo-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in resources_dir().rglob("*"):
        if path.is_file():
            assert f"taketwo/resources/{path.relative_to(resources_dir()).as_posix()}" in names

    # A fresh venv borrows this one's dependencies (PySide6 alone is 500 MB) through a .pth
    # file; Take Two itself comes only from the wheel.
    venv = tmp_path / "venv"
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n")
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = os.environ | {"TAKETWO_LIBRARY": str(tmp_path / "library"), "HOME": str(tmp_path)}
    code = (
        "import taketwo; from taketwo.paths import resource_path; "
        "from taketwo.ui.shell.app import sample_question; "
        "print(taketwo.__file__); print(resource_path('question_bank.json')); "
        "print(sample_question().prompt)"
    )
    proc = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, cwd=outside, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    module, bank, prompt = proc.stdout.strip().splitlines()
    assert Path(module).is_relative_to(venv)
    assert Path(bank).is_relative_to(venv)
    assert prompt

    # The console script, and a command that needs the migrations shipped as package data.
    added = subprocess.run(
        [venv / "bin" / "taketwo", "question", "add", "Why us?", "--json"],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "library" / "taketwo.sqlite3").is_file()


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of the set-up files with a stand-in launcher, so nothing real is installed."""
    copy = tmp_path / "a checkout"  # a space, as in many home folders
    shutil.copytree(
        ROOT / "packaging", copy / "packaging", ignore=shutil.ignore_patterns("screenshots")
    )
    shutil.copytree(ROOT / "resources" / "icons", copy / "resources" / "icons")
    launcher = copy / ".venv" / "bin" / "taketwo"
    launcher.parent.mkdir(parents=True)
    launcher.write_text('#!/bin/sh\necho "stand-in taketwo $*"\n')
    launcher.chmod(0o755)
    return copy


def home_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def desktop(checkout: Path, action: str, env: dict[str, str]) -> str:
    proc = subprocess.run(
        ["bash", str(checkout / "packaging" / "desktop-entry.sh"), action],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_setup_links_taketwo_and_says_when_the_folder_is_not_on_path(checkout, tmp_path):
    env = home_env(tmp_path)
    out = desktop(checkout, "install", env)
    link = tmp_path / "home" / ".local" / "bin" / "taketwo"
    assert link.resolve() == (checkout / ".venv" / "bin" / "taketwo").resolve()
    assert "not on your PATH" in out

    # A new shell with ~/.local/bin on its PATH finds `taketwo` by name.
    env["PATH"] = f"{link.parent}:/usr/bin:/bin"
    shell = subprocess.run(
        ["bash", "-c", "taketwo --version"], capture_output=True, text=True, env=env, timeout=30
    )
    assert shell.stdout.strip() == "stand-in taketwo --version"
    assert "not on your PATH" not in desktop(checkout, "install", env)


def test_setup_adds_a_valid_menu_entry_and_icons(checkout, tmp_path):
    data = tmp_path / "data"
    desktop(checkout, "install", home_env(tmp_path, XDG_DATA_HOME=str(data)))
    entry = data / "applications" / f"{DESKTOP_ID}.desktop"
    text = entry.read_text()
    assert f'Exec="{checkout / ".venv" / "bin" / "taketwo"}"' in text
    assert f"Icon={DESKTOP_ID}" in text
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{DESKTOP_ID}.png").is_file()
    assert (data / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    assert not (tmp_path / "home" / ".local" / "share" / "applications").exists()


def test_setup_leaves_a_taketwo_of_the_users_own_alone(checkout, tmp_path):
    mine = tmp_path / "home" / ".local" / "bin" / "taketwo"
    mine.parent.mkdir(parents=True)
    mine.write_text("#!/bin/sh\necho mine\n")
    out = desktop(checkout, "install", home_env(tmp_path))
    assert mine.read_text() == "#!/bin/sh\necho mine\n"
    assert "Left" in out


def test_uninstall_removes_what_setup_added_and_never_the_library(checkout, tmp_path):
    env = home_env(tmp_path)
    home = tmp_path / "home"
    desktop(checkout, "install", env)
    library = home / ".local" / "share" / "TakeTwo" / "Library"
    library.mkdir(parents=True)
    (library / "taketwo.sqlite3").write_bytes(b"takes")
    other = home / ".local" / "share" / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n")

    proc = subprocess.run(
        ["bash", str(checkout / "packaging" / "setup.sh"), "--uninstall"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert not (home / ".local" / "bin" / "taketwo").is_symlink()
    assert not (home / ".local" / "share" / "applications" / f"{DESKTOP_ID}.desktop").exists()
    assert not list((home / ".local" / "share" / "icons").rglob(f"{DESKTOP_ID}.*"))
    assert not (checkout / ".venv").exists()
    assert (library / "taketwo.sqlite3").read_bytes() == b"takes"
    assert other.exists()


def test_desktop_files_agree_with_the_app_and_the_screenshot_is_committed():
    from taketwo.ui.shell.app import DESKTOP_ID as app_id

    linux = ROOT / "packaging" / "linux"
    assert app_id == DESKTOP_ID
    assert (linux / f"{DESKTOP_ID}.desktop").is_file()
    metainfo = (linux / f"{DESKTOP_ID}.metainfo.xml").read_text()
    assert f"<id>{DESKTOP_ID}</id>" in metainfo
    shot = metainfo.split("<image>")[1].split("</image>")[0]
    assert (ROOT / shot.split("/main/", 1)[1]).is_file()
    # desktop-file-validate and appstreamcli check both files in tests/run.
