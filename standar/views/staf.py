"""Placeholder: filled in by the staf views."""
