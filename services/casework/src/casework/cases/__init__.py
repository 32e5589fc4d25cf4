"""Cases: opened from reports (or joined by them), read by officers, followed up by reporters."""
