"""Evaluation: SKM and IKM, compliance index, compiled reports, the Pembina dashboard."""
