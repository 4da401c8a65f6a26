"""Background work for the app: one runner over a QThreadPool that hands each job a Progress
and delivers results on the GUI thread; may use QtCore. See docs/architecture.md."""
