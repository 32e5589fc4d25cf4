"""Each landlord's own ASB policy as settings: versioned, audited, and kept per case."""
