"""The case's timeline: recording what happened, and reading it back."""
