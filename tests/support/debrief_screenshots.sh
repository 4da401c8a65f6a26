#!/usr/bin/env bash
# Inside xvfb-run: a window manager (as a desktop has), then the Debrief screenshots.
#   debrief_screenshots.sh PYTHON OUT_DIR
set -u
python=$1; out=$2
wm=""
if command -v openbox >/dev/null 2>&1; then
  openbox >/dev/null 2>&1 &
  wm=$!
  sleep 0.5
fi
QT_QPA_PLATFORM=xcb "$python" -m tests.support.debrief_screenshots "$out"
status=$?
[ -n "$wm" ] && kill "$wm"
exit $status
