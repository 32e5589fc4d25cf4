"""Action plans agreed with the complainant."""
