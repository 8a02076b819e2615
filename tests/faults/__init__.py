"""Fault suites: the real code killed and starved in child processes."""
