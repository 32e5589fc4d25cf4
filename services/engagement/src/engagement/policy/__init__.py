"""The landlords' policies, as casework announces them: the calendar and the Positive
Engagement Service's own settings."""
