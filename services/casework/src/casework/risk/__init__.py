"""Risk: the versioned question sets, scoring them to a level, and the assessments kept."""
