"""The staff console: officers, team leaders and the other staff roles run their work here,
signed in through the landlord's identity provider. Served by its own entrypoint, so a landlord
can put the resident site on the internet and keep the console on its own network."""
