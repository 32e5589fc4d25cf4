"""May we contact this person, and how: the safe-contact rules, pure (no I/O).

Given a person's contact preferences and details, the kind of message and the time now, the
rules decide one of three things, and say why in words an officer can read:

- :class:`Send` by one channel (the preferred one if allowed and safe, else the next safe one);
- :class:`Defer` until the next safe window (never dropped);
- :class:`Withhold` the message and give the officer a task instead (only through the officer,
  a phone call, or no channel that is safe).
"""

from .rules import CAREFUL_ROUTES, Decision, Defer, Send, Withhold, decide
from .windows import LONDON, in_window, next_window_start

__all__ = [
    "CAREFUL_ROUTES",
    "LONDON",
    "Decision",
    "Defer",
    "Send",
    "Withhold",
    "decide",
    "in_window",
    "next_window_start",
]
