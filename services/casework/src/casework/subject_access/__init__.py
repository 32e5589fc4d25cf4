"""Subject access: a person's request for their data, its one-month timer, every service's
contribution, the officer's review of other people's data, and the release."""
