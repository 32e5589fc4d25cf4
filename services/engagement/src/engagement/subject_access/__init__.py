"""Engagement's part of a subject access request: the person's Positive Engagement record."""
