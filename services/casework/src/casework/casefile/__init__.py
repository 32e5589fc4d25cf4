"""The case as officers read it: the case with its reports, complainants and the people the reports name."""
