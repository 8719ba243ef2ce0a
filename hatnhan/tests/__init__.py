"""The project's own tests: the system as a whole, across every app (they may import any)."""
