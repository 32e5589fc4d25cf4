"""The evidence register: who added what, when, and its hash."""
