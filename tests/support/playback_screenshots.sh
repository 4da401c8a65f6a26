#!/usr/bin/env bash
# Inside xvfb-run: a window manager (as a desktop has), then the Review and Compare screenshots.
#   playback_screenshots.sh PYTHON LIBRARY_FOLDER OUT_DIR TAKE_ID TAKE_ID
set -u
python=$1; shift
wm=""
if command -v openbox >/dev/null 2>&1; then
  openbox >/dev/null 2>&1 &
  wm=$!
  sleep 0.5
fi
QT_QPA_PLATFORM=xcb "$python" -m tests.support.playback_screenshots "$@"
status=$?
[ -n "$wm" ] && kill "$wm"
exit $status
