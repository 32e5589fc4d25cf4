"""Warning markers on a person or an address, protecting staff and contractors who visit."""
