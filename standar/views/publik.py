"""Placeholder: filled in by the publik views."""
