"""Camera and microphone backends behind one protocol (base.py): webcam, PortAudio, demo and
file devices, and finding them. See docs/architecture.md."""
