"""The library every ASB platform service uses.

Small and boring on purpose: settings, database helpers, messaging (envelope, topology,
outbox, inbox, consumer), auth, observability, the common error shape, the working-day
calendar and the pytest fixtures that give each test run its own databases and vhost.
"""
