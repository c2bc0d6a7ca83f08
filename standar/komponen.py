"""The registry of the 14 components of a service standard (UU 25/2009 Pasal 21).

The one place that lists them. Forms, validation, completeness, diffs, public pages,
PDFs, the complaint form and compliance rules iterate over KOMPONEN; nothing else
names the components. Order of the tuple = PermenPANRB 15/2014 order: the six
service-delivery components, then the eight manufacturing components.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from standar import isi


class Kelompok:
    SERVICE_DELIVERY = "service_delivery"
    MANUFACTURING = "manufacturing"

    LABELS = {
        SERVICE_DELIVERY: _("Komponen yang terkait dengan proses penyampaian pelayanan (service delivery)"),
        MANUFACTURING: _(
            "Komponen yang terkait dengan proses pengelolaan pelayanan di internal organisasi (manufacturing)"
        ),
    }


@dataclass(frozen=True)
class Komponen:
    kunci: str  # stable key stored in the database
    huruf: str  # letter in UU 25/2009 Pasal 21
    label_id: str
    label_en: str
    kelompok: str
    urutan: int  # position in the PermenPANRB 15/2014 layout, 1..14
    jenis: isi.JenisIsi  # kind of content: validation, completeness, text, diff
    unsur_skm: str | None  # SKM unsur (PermenPANRB 14/2017) that measures it
    bantuan: str  # help text, from the Penjelasan of Pasal 21

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "id").startswith("en") else self.label_id

    @property
    def service_delivery(self) -> bool:
        return self.kelompok == Kelompok.SERVICE_DELIVERY

    def __str__(self) -> str:
        return self.label


SD, MF = Kelompok.SERVICE_DELIVERY, Kelompok.MANUFACTURING

KOMPONEN: tuple[Komponen, ...] = (
    Komponen(
        "persyaratan",
        "b",
        "Persyaratan",
        "Requirements",
        SD,
        1,
        isi.PERSYARATAN,
        "U1",
        "Syarat yang harus dipenuhi dalam pengurusan suatu jenis pelayanan, baik persyaratan "
        "teknis maupun administratif.",
    ),
    Komponen(
        "prosedur",
        "c",
        "Sistem, mekanisme, dan prosedur",
        "System, mechanism and procedure",
        SD,
        2,
        isi.PROSEDUR,
        "U2",
        "Tata cara pelayanan yang dibakukan bagi pemberi dan penerima pelayanan, termasuk pengaduan.",
    ),
    Komponen(
        "jangka_waktu",
        "d",
        "Jangka waktu penyelesaian",
        "Completion time",
        SD,
        3,
        isi.DURASI,
        "U3",
        "Jangka waktu untuk menyelesaikan seluruh proses pelayanan dari setiap jenis pelayanan.",
    ),
    Komponen(
        "biaya",
        "e",
        "Biaya/tarif",
        "Fees/tariffs",
        SD,
        4,
        isi.BIAYA,
        "U4",
        "Ongkos yang dikenakan kepada penerima layanan dalam mengurus dan/atau memperoleh "
        "pelayanan, yang besarnya ditetapkan berdasarkan kesepakatan antara penyelenggara dan "
        "masyarakat.",
    ),
    Komponen(
        "produk",
        "f",
        "Produk pelayanan",
        "Service products",
        SD,
        5,
        isi.DAFTAR,
        "U5",
        "Hasil pelayanan yang diberikan dan diterima sesuai dengan ketentuan yang telah ditetapkan.",
    ),
    Komponen(
        "pengaduan",
        "j",
        "Penanganan pengaduan, saran, dan masukan",
        "Handling of complaints, suggestions and feedback",
        SD,
        6,
        isi.KANAL,
        "U8",
        "Tata cara pelaksanaan penanganan pengaduan dan tindak lanjut.",
    ),
    Komponen(
        "dasar_hukum",
        "a",
        "Dasar hukum",
        "Legal basis",
        MF,
        7,
        isi.REGULASI,
        None,
        "Peraturan perundang-undangan yang menjadi dasar penyelenggaraan pelayanan.",
    ),
    Komponen(
        "sarana",
        "g",
        "Sarana, prasarana, dan/atau fasilitas",
        "Facilities and infrastructure",
        MF,
        8,
        isi.SARANA,
        "U9",
        "Peralatan dan fasilitas yang diperlukan dalam penyelenggaraan pelayanan, termasuk "
        "peralatan dan fasilitas pelayanan bagi kelompok rentan.",
    ),
    Komponen(
        "kompetensi",
        "h",
        "Kompetensi pelaksana",
        "Staff competence",
        MF,
        9,
        isi.DAFTAR,
        "U6",
        "Kemampuan yang harus dimiliki oleh pelaksana meliputi pengetahuan, keahlian, "
        "keterampilan, dan pengalaman.",
    ),
    Komponen(
        "pengawasan",
        "i",
        "Pengawasan internal",
        "Internal supervision",
        MF,
        10,
        isi.TEKS,
        None,
        "Pengendalian yang dilakukan oleh pimpinan satuan kerja atau atasan langsung pelaksana.",
    ),
    Komponen(
        "jumlah_pelaksana",
        "k",
        "Jumlah pelaksana",
        "Number of staff",
        MF,
        11,
        isi.JUMLAH_PELAKSANA,
        None,
        "Tersedianya pelaksana sesuai dengan beban kerja.",
    ),
    Komponen(
        "jaminan_pelayanan",
        "l",
        "Jaminan pelayanan",
        "Service guarantee",
        MF,
        12,
        isi.TEKS,
        None,
        "Jaminan pelayanan yang memberikan kepastian pelayanan dilaksanakan sesuai dengan standar pelayanan.",
    ),
    Komponen(
        "jaminan_keamanan",
        "m",
        "Jaminan keamanan dan keselamatan pelayanan",
        "Security and safety guarantee",
        MF,
        13,
        isi.TEKS,
        None,
        "Kepastian memberikan rasa aman dan bebas dari bahaya, risiko, dan keragu-raguan.",
    ),
    Komponen(
        "evaluasi_kinerja",
        "n",
        "Evaluasi kinerja pelaksana",
        "Staff performance evaluation",
        MF,
        14,
        isi.EVALUASI,
        None,
        "Penilaian untuk mengetahui seberapa jauh pelaksanaan kegiatan sesuai dengan standar "
        "pelayanan; dilakukan secara berkala setiap 3, 6, 12, atau 24 bulan.",
    ),
)

_BY_KEY = {k.kunci: k for k in KOMPONEN}
KUNCI = tuple(_BY_KEY)
JUMLAH = len(KOMPONEN)


def get(kunci: str) -> Komponen:
    """The component with this key; KeyError for an unknown key."""
    return _BY_KEY[kunci]


def service_delivery() -> tuple[Komponen, ...]:
    return tuple(k for k in KOMPONEN if k.service_delivery)


def manufacturing() -> tuple[Komponen, ...]:
    return tuple(k for k in KOMPONEN if not k.service_delivery)


def choices() -> list[tuple[str, str]]:
    return [(k.kunci, k.label) for k in KOMPONEN]
