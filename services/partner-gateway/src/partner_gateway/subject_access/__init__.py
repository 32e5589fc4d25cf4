"""The gateway's part of a subject access request: the shared-case copy partners may be given,
and which partners read those cases."""
