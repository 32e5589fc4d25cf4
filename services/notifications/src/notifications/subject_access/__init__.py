"""Notifications' part of a subject access request: the person's contact records and messages."""
