"""The nine unsur of the Survei Kepuasan Masyarakat (PermenPANRB 14/2017, Lampiran).

The one place that defines them: code, label, definition, the standard question and the
four answer labels (1 = worst .. 4 = best). The questionnaire, the paper grid, the CSV
import, the results pages and the IKM computation all iterate over UNSUR.

The U-code is bound to the unsur, never to the position of its question: the published
questionnaires ask about sarana dan prasarana (U9) eighth and about complaint handling (U8)
ninth (law.md §3.2), so `urutan_kuesioner` gives the position of the question on the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Unsur:
    nomor: int  # 1..9, the U-number
    label: Promise
    definisi: Promise
    pertanyaan: Promise
    jawaban: tuple[Promise, Promise, Promise, Promise]  # labels of the answers 1..4
    urutan_kuesioner: int  # position of the question on the questionnaire, 1..9

    @property
    def kode(self) -> str:
        return f"U{self.nomor}"

    @property
    def kolom(self) -> str:
        """The column of JawabanSKM that holds the answer (u1..u9)."""
        return f"u{self.nomor}"

    def pilihan(self) -> list[tuple[int, Promise]]:
        """(value, label) pairs for a form field."""
        return [(i, label) for i, label in enumerate(self.jawaban, start=1)]

    def __str__(self) -> str:
        return f"{self.kode} {self.label}"


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        1,
        _("Persyaratan"),
        _(
            "Syarat yang harus dipenuhi dalam pengurusan suatu jenis pelayanan, baik persyaratan "
            "teknis maupun administratif."
        ),
        _("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
        1,
    ),
    Unsur(
        2,
        _("Sistem, mekanisme, dan prosedur"),
        _("Tata cara pelayanan yang dibakukan bagi pemberi dan penerima pelayanan, termasuk pengaduan."),
        _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
        2,
    ),
    Unsur(
        3,
        _("Waktu penyelesaian"),
        _(
            "Jangka waktu yang diperlukan untuk menyelesaikan seluruh proses pelayanan dari setiap "
            "jenis pelayanan."
        ),
        _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
        3,
    ),
    Unsur(
        4,
        _("Biaya/tarif"),
        _(
            "Ongkos yang dikenakan kepada penerima layanan dalam mengurus dan/atau memperoleh "
            "pelayanan, yang besarnya ditetapkan berdasarkan kesepakatan antara penyelenggara dan "
            "masyarakat."
        ),
        _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
        4,
    ),
    Unsur(
        5,
        _("Produk spesifikasi jenis pelayanan"),
        _(
            "Hasil pelayanan yang diberikan dan diterima sesuai dengan ketentuan yang telah "
            "ditetapkan; hasil dari setiap spesifikasi jenis pelayanan."
        ),
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
            "dalam standar pelayanan dengan hasil yang diberikan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
        5,
    ),
    Unsur(
        6,
        _("Kompetensi pelaksana"),
        _(
            "Kemampuan yang harus dimiliki oleh pelaksana meliputi pengetahuan, keahlian, "
            "keterampilan, dan pengalaman."
        ),
        _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
        6,
    ),
    Unsur(
        7,
        _("Perilaku pelaksana"),
        _("Sikap petugas dalam memberikan pelayanan."),
        _(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
            "dan keramahan?"
        ),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
        7,
    ),
    Unsur(
        8,
        _("Penanganan pengaduan, saran, dan masukan"),
        _("Tata cara pelaksanaan penanganan pengaduan dan tindak lanjut."),
        _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
        9,
    ),
    Unsur(
        9,
        _("Sarana dan prasarana"),
        _(
            "Sarana adalah segala sesuatu yang dapat dipakai sebagai alat dalam mencapai maksud dan "
            "tujuan (bergerak, misalnya komputer); prasarana adalah segala sesuatu yang merupakan "
            "penunjang utama terselenggaranya suatu proses (tidak bergerak, misalnya gedung)."
        ),
        _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
        8,
    ),
)

JUMLAH = len(UNSUR)
KODE = tuple(u.kode for u in UNSUR)
KOLOM = tuple(u.kolom for u in UNSUR)
_BY_KODE = {u.kode: u for u in UNSUR}
# The order of the questions on the questionnaire (and on the paper grid).
URUTAN_KUESIONER: tuple[Unsur, ...] = tuple(sorted(UNSUR, key=lambda u: u.urutan_kuesioner))
NILAI_MIN, NILAI_MAKS = 1, 4


def get(kode: str) -> Unsur:
    """The unsur with this code ("U1".."U9"); KeyError otherwise."""
    return _BY_KODE[kode.upper()]


def choices() -> list[tuple[str, str]]:
    return [(u.kode, f"{u.kode} {u.label}") for u in UNSUR]
