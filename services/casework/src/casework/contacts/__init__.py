"""Contacts with the people on a case, and who the complainant is (never an anonymous reporter)."""
