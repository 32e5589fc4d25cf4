"""Referrals from partner agencies (police, council, support services) through the partner
gateway: each becomes a report like any other channel's."""
