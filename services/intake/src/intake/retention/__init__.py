"""Retention in intake: casework's announcements followed (an expired case's reports and
evidence files go; an erased person's details go from their reports), evidence files removed
from storage after the rows that named them."""
