"""Events, stories and corroboration: what happened, which articles report it, and how
independently each of its facts is supported."""
