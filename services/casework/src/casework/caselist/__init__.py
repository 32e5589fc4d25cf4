"""Finding cases: the list with its filters, and an officer's own cases, the most urgent first."""
