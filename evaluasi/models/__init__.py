"""Models of the evaluasi app: SKM, the compliance index, PEKPPP, compiled reports."""

from .kepatuhan import AturanKepatuhan, RingkasanUnit, ZonaKepatuhan
from .laporan import (
    LaporanEvaluasi,
    LaporanSudahFinal,
    PengantarLaporan,
    Rekomendasi,
    TinjauanPembina,
)
from .pekppp import AspekPEKPPP, IndikatorPEKPPP, KategoriIPP, PenilaianPEKPPP, SkorIndikator
from .skm import JawabanSKM, PeriodeSKM, RencanaTindakLanjut, RingkasanSKM, TautanSKM

__all__ = [
    "AspekPEKPPP",
    "AturanKepatuhan",
    "IndikatorPEKPPP",
    "JawabanSKM",
    "KategoriIPP",
    "LaporanEvaluasi",
    "LaporanSudahFinal",
    "PengantarLaporan",
    "PenilaianPEKPPP",
    "PeriodeSKM",
    "Rekomendasi",
    "RencanaTindakLanjut",
    "RingkasanSKM",
    "RingkasanUnit",
    "SkorIndikator",
    "TautanSKM",
    "TinjauanPembina",
    "ZonaKepatuhan",
]
