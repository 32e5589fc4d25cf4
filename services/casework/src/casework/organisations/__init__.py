"""The landlords on the platform: registered and changed by a platform admin, announced to
every service with ``casework.organisation.updated``."""
