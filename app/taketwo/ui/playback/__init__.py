"""The playback screen of the window."""
