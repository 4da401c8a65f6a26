#!/usr/bin/env bash
# Runs the real Take Two under the current X display and drives it with real key presses:
# Space (countdown, then recording), a screenshot while recording, Space to stop, Ctrl+Q.
#   drive_app.sh PYTHON LIBRARY SCREENSHOT
set -u
python=$1; library=$2; shot=$3
"$python" -m taketwo --library "$library" --camera demo --mic demo &
app=$!
for _ in $(seq 1 150); do
  xdotool search --onlyvisible --name "^Take Two" >/dev/null 2>&1 && break
  sleep 0.1
done
sleep 2  # the devices open in the background; the preview starts
xdotool key space
sleep 5  # 3-s countdown, then 2 s of recording
import -window root "$shot"
xdotool key space
sleep 2
xdotool key ctrl+q
wait $app
