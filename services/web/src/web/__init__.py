"""The resident web site (see :mod:`web.main`)."""
