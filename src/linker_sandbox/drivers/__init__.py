"""What drives the app and the browser: the wizard driver, the scripted browser, the
unattended self-test and the card control window."""
