"""Local development tools: the SMTP mail sink and the runner that starts the whole system."""
