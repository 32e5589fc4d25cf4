"""What anyone may read of a landlord, unauthenticated: for its resident web site and apps."""
