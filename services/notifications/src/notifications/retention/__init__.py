"""Retention in notifications: casework's announcements followed (an expired case's contact
records and messages go; an erased person's contact record and messages go)."""
