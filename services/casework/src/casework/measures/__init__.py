"""The measures a landlord publishes (its policies' figures, NM01 and TP12), for any period."""
