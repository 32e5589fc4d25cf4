"""Search across an organisation's cases: names, places, references and free text."""
