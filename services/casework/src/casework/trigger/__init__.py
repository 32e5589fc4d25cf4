"""The Community Trigger (ASB case review, s104 ASB, Crime and Policing Act 2014)."""
