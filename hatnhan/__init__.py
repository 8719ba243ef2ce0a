"""hatnhan — the record that makes a grassroots party organization's leadership checkable."""
