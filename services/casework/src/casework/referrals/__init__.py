"""Referrals out of casework: Positive Engagement, MASH, MARAC."""
