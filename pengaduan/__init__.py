"""Complaints (pengaduan): filing, the statutory clock, escalation, statistics."""
