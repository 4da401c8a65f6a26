#!/usr/bin/env bash
# Runs the real Take Two under the current X display, with a window manager (openbox) so
# windows and dialogs get focus as on a desktop, and drives the whole loop with key presses:
#   Ctrl+N, type a question, Return          new question
#   Space (countdown), screenshot, Space     take 1, rated 4
#   Space Space (skip the countdown) Space   take 2, rated 5, note "good pace" + Return
#   Space Space Space                        take 3, rated 4; K marks the question comfortable
#   Ctrl+1, Down, Right, Right, Return       the Library: review take 1; 2 rates it
#   C                                        compare it with the best take; Ctrl+Q
#   drive_app.sh PYTHON LIBRARY SCREENSHOT
set -u
python=$1; library=$2; shot=$3
openbox >/dev/null 2>&1 &
wm=$!
trap 'kill $wm 2>/dev/null' EXIT
for _ in $(seq 1 50); do
  xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break
  sleep 0.1
done

wait_for() {  # a visible window whose title starts with $1
  for _ in $(seq 1 150); do
    xdotool search --onlyvisible --name "^$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "drive_app: no window named '$1'" >&2
  return 1
}

keys() { xdotool key --delay 80 "$@"; sleep 0.4; }

take() {  # start (skipping the countdown), record a moment, stop, rate
  keys space space
  sleep 1.8
  keys space
  sleep 2  # the file is finalized and the rating bar shows
  keys "$1"
}

"$python" -m taketwo --library "$library" --camera demo --mic demo &
app=$!
wait_for "Take Two" || { kill $app; exit 1; }
sleep 2  # the devices open in the background; the preview starts

keys ctrl+n
wait_for "New question" || { kill $app; exit 1; }
xdotool type --delay 30 "What would you do in your first 90 days?"
keys Tab
xdotool type --delay 30 "listen first"
keys Tab Return  # from a one-line field, Return saves
sleep 1

keys space
sleep 5  # 3-s countdown, then 2 s of recording
import -window root "$shot"
keys space
sleep 2
keys 4

take 5
keys n
xdotool type --delay 30 "good pace"
keys Return
take 4
keys k

keys ctrl+1
keys Down Right Right Return  # the new question, its first take (Right opens, or steps in)
sleep 1
keys 2
keys c
sleep 1
import -window root "${shot%.png}-compare.png"
keys ctrl+q
wait $app
