"""The tenure of the home a case is about, recorded so measures report tenures apart."""
