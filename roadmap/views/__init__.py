"""Views of the roadmap, by feature."""
