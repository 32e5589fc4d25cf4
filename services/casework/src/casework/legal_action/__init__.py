"""Legal action as a recorded last resort: the options tried, a manager's approval, then
proceedings."""
