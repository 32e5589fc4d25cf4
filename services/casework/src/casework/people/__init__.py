"""People and places across cases: the same complainant, subject or address recognised."""
