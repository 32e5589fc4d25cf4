"""Enquiries from councillors and MPs about a case, answered within their own deadline."""
