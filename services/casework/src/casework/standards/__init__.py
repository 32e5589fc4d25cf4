"""Service standards: the policy of due dates and warnings, the timers kept, the clock."""
