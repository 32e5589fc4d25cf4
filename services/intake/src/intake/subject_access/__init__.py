"""Intake's part of a subject access request: the reports a person made and what they added."""
