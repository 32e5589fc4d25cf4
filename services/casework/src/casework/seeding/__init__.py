"""A realistic data set for one large landlord, reproducible from a seed (for benchmarks and
demonstrations; never run against a live landlord's database)."""
