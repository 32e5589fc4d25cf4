"""The audit of sensitive reads: who read a case on a careful route, a complainant's contact
record or the evidence register, when, and why if asked (the platform's one read-log shape,
:mod:`asb_shared.readaudit`)."""
