"""Retention in the partner gateway: casework's announcements followed (an expired case's
projection, shares, conferences, referrals, partners' updates and webhook payloads go; an erased
person's contact details go from the projection)."""
