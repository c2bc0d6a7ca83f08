"""Models of the evaluasi app: SKM periods, responses, summaries and follow-ups."""

from .skm import JawabanSKM, PeriodeSKM, RencanaTindakLanjut, RingkasanSKM, TautanSKM

__all__ = ["JawabanSKM", "PeriodeSKM", "RencanaTindakLanjut", "RingkasanSKM", "TautanSKM"]
