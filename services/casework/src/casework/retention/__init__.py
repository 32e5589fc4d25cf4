"""Retention: the landlord's schedule applied to cases, legal holds, the dry run, and erasure
or rectification on a person's request."""
