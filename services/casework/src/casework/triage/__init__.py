"""Triage: priority routes, the "often not ASB" flag, and linking reports to an open case."""
