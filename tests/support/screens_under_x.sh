#!/usr/bin/env bash
# Inside xvfb-run: a window manager (as a desktop has), then screenshots of the main screens.
#   screens_under_x.sh PYTHON OUT_DIR
set -u
python=$1; out=$2
openbox >/dev/null 2>&1 &
wm=$!
for _ in $(seq 1 50); do
  xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break
  sleep 0.1
done
QT_QPA_PLATFORM=xcb "$python" -m tests.support.screens_under_x "$out"
status=$?
kill "$wm"
exit $status
