"""The case lifecycle: the pure state machine, and applying it to a stored case."""
