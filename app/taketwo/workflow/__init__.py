"""What a user does, end to end and Qt-free, so the app and the command line do it the same way."""
