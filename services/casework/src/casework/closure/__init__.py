"""Closing a case with an outcome, and reopening it."""
