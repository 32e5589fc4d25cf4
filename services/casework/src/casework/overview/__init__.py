"""A case with everything a member of staff works it from, read in one unit of work."""
