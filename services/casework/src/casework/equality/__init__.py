"""Equality monitoring, lawfully: the optional answers complainants and subjects give, held apart
from the case, and the fair-handling report that shows them only in aggregates."""
