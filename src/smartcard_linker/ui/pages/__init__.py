"""One module per page of the wizard."""
