"""Language and interpreter needs of the people a case's reports name (subjects, witnesses)."""
