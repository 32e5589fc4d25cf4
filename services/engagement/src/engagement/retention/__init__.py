"""Retention in engagement: each landlord's schedule applied to Positive Engagement records
(six years after the outcome by default), holding back a client on a case under a legal hold."""
