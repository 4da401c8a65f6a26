"""The rehearse screen of the window."""
