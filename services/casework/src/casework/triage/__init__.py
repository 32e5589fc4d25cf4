"""Triage on arrival, as pure rules: the priority route, the "often not ASB" advice, harm and
protected characteristics. Applied when a report opens a case (:mod:`casework.opening`);
an officer confirming a flagged case as ASB is a lifecycle step (:mod:`casework.lifecycle`)."""
