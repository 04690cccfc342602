"""The coding workspace's forms, one module per kind of item, and what they share."""
