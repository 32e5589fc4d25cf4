"""The Positive Engagement Service's pages: referrals to decide, a client's record, the
budget; and, for other staff, what the service lets them see of a client."""
