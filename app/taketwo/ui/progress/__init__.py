"""The progress screen of the window."""
