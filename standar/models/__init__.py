"""Models of the standar app: standards and versions, maklumat, and public consultation."""

from .dokumen import DokumenPDF, JenisDokumen, RiwayatBerkas, StatusDokumen
from .konsultasi import (
    DukunganKomentar,
    JawabanKomentar,
    KategoriPemangku,
    Keputusan,
    Komentar,
    LaporanKomentar,
    PerpanjanganPutaran,
    PertemuanFKP,
    PesertaFKP,
    PutaranKonsultasi,
)
from .standar import (
    EVALUASI_SETIAP,
    PENINJAUAN_SETIAP,
    EvaluasiPenerapan,
    KomponenStandar,
    Maklumat,
    StandarPelayanan,
    VersiStandar,
)

__all__ = [
    "EVALUASI_SETIAP",
    "PENINJAUAN_SETIAP",
    "DokumenPDF",
    "DukunganKomentar",
    "EvaluasiPenerapan",
    "JawabanKomentar",
    "JenisDokumen",
    "KategoriPemangku",
    "Keputusan",
    "Komentar",
    "KomponenStandar",
    "LaporanKomentar",
    "Maklumat",
    "PerpanjanganPutaran",
    "PertemuanFKP",
    "PesertaFKP",
    "PutaranKonsultasi",
    "RiwayatBerkas",
    "StandarPelayanan",
    "StatusDokumen",
    "VersiStandar",
]
