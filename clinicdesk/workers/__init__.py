"""Moving work off the GUI thread: one runner for the whole program."""
