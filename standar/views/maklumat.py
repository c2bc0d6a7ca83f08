"""Placeholder: filled in by the maklumat views."""
