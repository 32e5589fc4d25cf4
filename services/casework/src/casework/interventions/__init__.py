"""Interventions: the catalogue from advice to eviction, recorded and counted."""
