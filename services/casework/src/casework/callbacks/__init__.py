"""Call-backs after closure: a sample of closed cases, called back by a team leader."""
