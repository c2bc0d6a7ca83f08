"""Views of the standar app."""
