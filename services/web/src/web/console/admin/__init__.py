"""The landlord administrator's pages (``/admin``: policy settings, message templates, partners,
their agreements and credentials, officers, question sets, audit logs) and the platform
administrator's (``/platform``: the landlords on the platform)."""
