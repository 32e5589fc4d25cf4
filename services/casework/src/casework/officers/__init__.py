"""Designated officers, their patches, and assigning cases to them."""
