"""The pairs app's views, split by feature."""
