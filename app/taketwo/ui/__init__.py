"""The desktop app, QtWidgets only, in packages by screen (shell, library, rehearse, playback,
progress, debrief) and widgets/ for shared parts. See docs/architecture.md."""
