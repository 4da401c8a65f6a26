"""The debrief screen of the window."""
