"""Import of existing standards from an Excel workbook (.xlsx) as drafts.

The layout (the template that standar.ekspor writes, and the export of a unit's standards):
one sheet "Standar", a header row, then one row per service: the column "Layanan" (the name
of an active service of the importing unit) and one column per component of the registry,
headed by its Indonesian label. Other columns (e.g. "Versi", "Nomor SK" of an export) are
ignored. Each cell holds plain text; `PARSER` turns a cell into the component kind's JSON
and back, one parser per kind (`JenisIsi.kode`):

- persyaratan: one requirement per line, `uraian | jenis` (jenis Administratif or Teknis;
  Administratif when left out);
- prosedur: one step per line, `pelaksana | kegiatan | durasi` (durasi optional: "15 menit");
- durasi: "3 hari kerja", "120 menit", "2 jam", "14 hari";
- biaya: "Gratis", or one fee per line `uraian: jumlah (dasar penetapan)`, jumlah in whole
  rupiah ("50000", "50.000", "Rp 50.000");
- daftar: one item per line;
- kanal: one channel per line `Kanal: nomor/alamat/tautan`, then optionally a line starting
  "Tata cara:" whose text (with all lines after it) is the complaint-handling procedure;
- regulasi: one regulation per line, "<jenis> Nomor <n> Tahun <yyyy> tentang <judul>";
- sarana: one facility per line, `uraian` or `uraian | kelompok rentan`;
- jumlah_pelaksana: "6 orang", then optionally one line per role `peran: jumlah`;
- teks: the text as is;
- evaluasi: the text, then a last line "Periode evaluasi: 6 bulan" (3, 6, 12 or 24).
Leading numbering or bullets ("1.", "2)", "-", "•") of list lines are dropped. Each parsed
value is then validated by the kind itself (`clean`), exactly as the editor does.

The import is all-or-nothing: `pratinjau` reads and checks everything without saving; `simpan`
re-reads the same file, refuses if any row has an error, and creates every draft through
standar.services (versi_draft_create + komponen_update) inside one transaction.

Untrusted file: it must be a real .xlsx (a zip holding the spreadsheet content type), at most
MAKS_BYTES, at most MAKS_UNZIP bytes once unpacked, no member compressed more than MAKS_RASIO
times, a sheet of reasonable declared size, at most MAKS_BARIS service rows and MAKS_SEL
characters per cell; anything else is a clear error, never a crash.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pelayanan import policy
from pelayanan.audit import audit_record
from pelayanan.choices import KanalPengaduan
from pelayanan.models import Layanan, Unit
from standar import isi as isi_module
from standar import komponen, services
from standar.choices import STATUS_PERSIAPAN
from standar.models import VersiStandar

MB = 1024 * 1024
MAKS_BYTES = 5 * MB  # uploaded file
MAKS_UNZIP = 20 * MB  # all members once unpacked
MAKS_RASIO = 100  # compression ratio of one member above 1 MB
MAKS_ANGGOTA = 1000  # members of the zip
MAKS_BARIS = 500  # service rows
MAKS_KOLOM = 60  # columns read
MAKS_SEL = 32_767  # characters in a cell (Excel's own limit)
MAKS_DIMENSI_BARIS = 100_000  # a declared sheet size beyond this is refused outright
BARIS_JUDUL_DICARI = 10  # the header row is looked for in the first rows
LEMBAR = "Standar"
KOLOM_LAYANAN = "Layanan"
PEMISAH = " | "
SPREADSHEET_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
SIMPAN_DI = "impor-sementara"
KEDALUWARSA = timedelta(hours=6)

_NOMOR_DEPAN = re.compile(r"^\s*(?:\d{1,3}[.)]\s+|[-•*–]\s*)")
_SPASI = re.compile(r"\s+")


class SelTidakSah(Exception):
    """A cell that its kind's parser cannot read; the messages say why."""

    def __init__(self, *messages: str):
        self.messages = [str(m) for m in messages]
        super().__init__("; ".join(self.messages))


class BerkasTidakSah(ValidationError):
    """The uploaded file as a whole cannot be imported."""


def _norm(text) -> str:
    return _SPASI.sub(" ", str(text or "")).strip().casefold()


def _baris(teks: str, *, tanpa_nomor: bool = True) -> list[str]:
    """Non-empty lines of a cell, without list numbering or bullets."""
    out = []
    for line in teks.splitlines():
        line = line.strip()
        if tanpa_nomor:
            line = _NOMOR_DEPAN.sub("", line, count=1).strip()
        if line:
            out.append(line)
    return out


def _pilihan(teks: str, choices: dict, alias: dict | None = None) -> str | None:
    """The key of a choice named by its key, its label or an alias (case and spaces ignored)."""
    wanted = _norm(teks)
    for key, label in choices.items():
        if wanted in (_norm(key), _norm(key).replace("_", " "), _norm(label)):
            return key
    return (alias or {}).get(wanted)


def _daftar_pilihan(choices: dict) -> str:
    return ", ".join(str(label) for label in choices.values())


def _bilangan(teks: str, where: str) -> int:
    """A whole number written as 50000, 50.000, 50,000, Rp 50.000 or 50.000,00."""
    raw = teks.strip()
    t = re.sub(r"^rp\.?\s*", "", raw, flags=re.IGNORECASE).replace(" ", "")
    negatif = t.startswith("-")
    t = t.lstrip("-")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?|\d+(,\d{1,2})?", t):
        bulat, _sep, pecahan = t.replace(".", "").partition(",")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", t):
        bulat, pecahan = t.replace(",", ""), ""
    else:
        raise SelTidakSah(_("%(where)s: “%(teks)s” bukan bilangan.") % {"where": where, "teks": raw})
    if pecahan.strip("0"):
        raise SelTidakSah(_("%(where)s: tulis bilangan bulat, tanpa pecahan.") % {"where": where})
    nilai = int(bulat)
    return -nilai if negatif else nilai


# --- parsers, one per kind -----------------------------------------------------------------


@dataclass(frozen=True)
class Parser:
    """Turns a cell into a kind's JSON (`baca`) and the JSON back into a cell (`tulis`)."""

    petunjuk: str

    def baca(self, jenis: isi_module.JenisIsi, teks: str, catatan: list[str]) -> dict:
        raise NotImplementedError

    def tulis(self, jenis: isi_module.JenisIsi, data: dict) -> str:
        raise NotImplementedError


def _tulis_nilai(f: isi_module.Field, value) -> str:
    if f.kind == "bool":
        return str(f.label).casefold() if value else ""
    if f.choices is not None:
        return str(f.choices.get(value, value or ""))
    return "" if value is None else str(value)


# Values filled in when a list line leaves a field out.
BAWAAN = {("persyaratan", "jenis"): "administratif"}
YA = {"ya", "y", "yes", "true", "1", "v", "✓", "rentan", "kelompok rentan", "untuk kelompok rentan"}
TIDAK = {"", "tidak", "t", "no", "false", "0", "-"}


@dataclass(frozen=True)
class ParserDaftar(Parser):
    """One item per line, its fields separated by " | " in the kind's field order."""

    def _bagian(self, jenis, line: str, n: int) -> dict:
        # A one-field list takes the whole line (a "|" in it is text).
        parts = [line] if len(jenis.fields) == 1 else [p.strip() for p in line.split("|")]
        if len(parts) > len(jenis.fields):
            raise SelTidakSah(
                _("%(label)s %(n)s: terlalu banyak bagian yang dipisah “|” (paling banyak %(max)s).")
                % {"label": jenis.item_label, "n": n, "max": len(jenis.fields)}
            )
        item = {}
        for i, f in enumerate(jenis.fields):
            value = parts[i] if i < len(parts) else ""
            where = f"{jenis.item_label} {n}"
            if f.kind == "bool":
                if _norm(value) in YA or _norm(value) == _norm(f.label):
                    item[f.name] = True
                elif _norm(value) in TIDAK:
                    item[f.name] = False
                else:
                    raise SelTidakSah(
                        _("%(where)s: “%(v)s” tidak dikenal; tulis “%(ya)s” atau biarkan kosong.")
                        % {"where": where, "v": value, "ya": str(f.label).casefold()}
                    )
            elif f.choices is not None:
                if not value:
                    item[f.name] = BAWAAN.get((jenis.kode, f.name), "")
                    continue
                key = _pilihan(value, f.choices)
                if key is None:
                    raise SelTidakSah(
                        _("%(where)s: %(label)s “%(v)s” tidak dikenal (pilihan: %(pilihan)s).")
                        % {
                            "where": where,
                            "label": f.label,
                            "v": value,
                            "pilihan": _daftar_pilihan(f.choices),
                        }
                    )
                item[f.name] = key
            elif f.kind == "int":
                item[f.name] = _bilangan(value, where) if value else None
            else:
                item[f.name] = value
        return item

    def baca(self, jenis, teks, catatan):
        return {"items": [self._bagian(jenis, line, n) for n, line in enumerate(_baris(teks), start=1)]}

    def tulis(self, jenis, data):
        lines = []
        for item in jenis.items(data):
            parts = [_tulis_nilai(f, item.get(f.name)) for f in jenis.fields]
            while parts and not parts[-1]:
                parts.pop()
            lines.append(PEMISAH.join(parts))
        return "\n".join(lines)


_DURASI = re.compile(r"^(?P<jumlah>[\d.,]+)\s*(?P<satuan>[^\d].*)$")
SATUAN_ALIAS = {"hari kalender": "hari", "menit kerja": "menit", "jam kerja": "jam", "hk": "hari_kerja"}


def _di(where: str, pesan: str) -> str:
    """A message, prefixed with where it applies ("Langkah 2: ...") when that is not the cell."""
    return f"{where}: {pesan}" if where else pesan


def _durasi(teks: str, where: str = "") -> tuple[int, str]:
    m = _DURASI.match(teks.strip().rstrip("."))
    satuan = _pilihan(m.group("satuan"), isi_module.SATUAN_WAKTU, SATUAN_ALIAS) if m else None
    if m is None or satuan is None:
        raise SelTidakSah(
            _di(
                where,
                _(
                    "“%(teks)s” tidak terbaca; tulis angka dan satuannya, misalnya “3 hari kerja” "
                    "(satuan: %(satuan)s)."
                )
                % {"teks": teks.strip(), "satuan": _daftar_pilihan(isi_module.SATUAN_WAKTU)},
            )
        )
    return _bilangan(m.group("jumlah"), where or str(_("Jumlah"))), satuan


def _tulis_durasi(jumlah, satuan) -> str:
    return f"{jumlah} {isi_module.SATUAN_WAKTU[satuan]}" if jumlah and satuan else ""


@dataclass(frozen=True)
class ParserProsedur(Parser):
    def baca(self, jenis, teks, catatan):
        items = []
        for n, line in enumerate(_baris(teks), start=1):
            parts = [p.strip() for p in line.split("|")]
            where = _("Langkah %(n)s") % {"n": n}
            if len(parts) < 2 or len(parts) > 3:
                raise SelTidakSah(
                    _("%(where)s: tulis “pelaksana | kegiatan | durasi” (durasi boleh kosong).")
                    % {"where": where}
                )
            jumlah, satuan = _durasi(parts[2], where) if len(parts) == 3 and parts[2] else (None, "")
            items.append(
                {"pelaksana": parts[0], "uraian": parts[1], "durasi_jumlah": jumlah, "durasi_satuan": satuan}
            )
        return {"items": items}

    def tulis(self, jenis, data):
        lines = []
        for item in jenis.items(data):
            parts = [item.get("pelaksana") or "", item.get("uraian") or ""]
            durasi = _tulis_durasi(item.get("durasi_jumlah"), item.get("durasi_satuan"))
            if durasi:
                parts.append(durasi)
            lines.append(PEMISAH.join(parts))
        return "\n".join(lines)


@dataclass(frozen=True)
class ParserDurasi(Parser):
    def baca(self, jenis, teks, catatan):
        lines = _baris(teks, tanpa_nomor=False)
        where = str(_("Jangka waktu"))
        if len(lines) != 1:
            raise SelTidakSah(
                _("%(where)s: tulis satu jangka waktu, misalnya “3 hari kerja”.") % {"where": where}
            )
        jumlah, satuan = _durasi(lines[0])
        return {"jumlah": jumlah, "satuan": satuan}

    def tulis(self, jenis, data):
        return _tulis_durasi(data.get("jumlah"), data.get("satuan"))


_TARIF = re.compile(
    r"^(?P<uraian>.+?)\s*:\s*(?P<jumlah>(?:rp\.?\s*)?-?\s*[\d.,]+)\s*(?:\((?P<dasar>.*)\))?\s*$", re.I
)
GRATIS = {"gratis", "rp 0", "rp0", "0", "tidak dipungut biaya", "tanpa biaya", "tidak ada biaya"}


@dataclass(frozen=True)
class ParserBiaya(Parser):
    def baca(self, jenis, teks, catatan):
        lines = _baris(teks)
        if len(lines) == 1 and (
            _norm(lines[0]).rstrip(".") in GRATIS or _norm(lines[0]).startswith("gratis ")
        ):
            return {"gratis": True, "items": []}
        items = []
        for n, line in enumerate(lines, start=1):
            where = _("Tarif %(n)s") % {"n": n}
            m = _TARIF.match(line)
            if m is None:
                raise SelTidakSah(
                    _(
                        "%(where)s: tulis “Gratis”, atau “uraian: jumlah (dasar penetapan)”, misalnya "
                        "“Retribusi: 50000 (Perda Nomor 1 Tahun 2024)”."
                    )
                    % {"where": where}
                )
            jumlah = _bilangan(m.group("jumlah"), where)
            if jumlah <= 0:
                raise SelTidakSah(
                    _(
                        "%(where)s: jumlah harus lebih dari 0 (tertulis %(v)s); "
                        "layanan tanpa biaya ditulis “Gratis”."
                    )
                    % {"where": where, "v": m.group("jumlah").strip()}
                )
            if not (m.group("dasar") or "").strip():
                raise SelTidakSah(
                    _(
                        "%(where)s: tulis dasar penetapan tarifnya dalam kurung, "
                        "misalnya “(Perda Nomor 1 Tahun 2024)”."
                    )
                    % {"where": where}
                )
            items.append(
                {
                    "uraian": m.group("uraian").strip(),
                    "jumlah": jumlah,
                    "dasar_hukum": m.group("dasar").strip(),
                }
            )
        return {"gratis": False, "items": items}

    def tulis(self, jenis, data):
        if data.get("gratis"):
            return "Gratis"
        return "\n".join(
            f"{i.get('uraian')}: {i.get('jumlah')} ({i.get('dasar_hukum')})" for i in jenis.items(data)
        )


KANAL_ALIAS = {
    "wa": KanalPengaduan.WHATSAPP.value,
    "whatsapp": KanalPengaduan.WHATSAPP.value,
    "surel": KanalPengaduan.EMAIL.value,
    "pos-el": KanalPengaduan.EMAIL.value,
    "email": KanalPengaduan.EMAIL.value,
    "telp": KanalPengaduan.TELEPON.value,
    "telp.": KanalPengaduan.TELEPON.value,
    "tel": KanalPengaduan.TELEPON.value,
    "situs web": KanalPengaduan.WEBSITE.value,
    "laman": KanalPengaduan.WEBSITE.value,
    "lapor!": KanalPengaduan.LAPOR.value,
    "sp4n lapor!": KanalPengaduan.LAPOR.value,
    "sp4n-lapor": KanalPengaduan.LAPOR.value,
    "loket": KanalPengaduan.LOKET.value,
}
TATA_CARA = "Tata cara"


@dataclass(frozen=True)
class ParserKanal(Parser):
    def baca(self, jenis, teks, catatan_baca):
        items, catatan = [], ""
        raw_lines = teks.splitlines()
        for n, raw in enumerate(raw_lines):
            line = _NOMOR_DEPAN.sub("", raw.strip(), count=1).strip()
            if not line:
                continue
            kepala, sep, nilai = line.partition(":")
            if sep and _norm(kepala) == _norm(TATA_CARA):
                catatan = "\n".join([nilai.strip(), *raw_lines[n + 1 :]]).strip()
                break
            where = _("Kanal %(n)s") % {"n": len(items) + 1}
            key = _pilihan(kepala, dict(KanalPengaduan.choices), KANAL_ALIAS) if sep else None
            if key is None:
                raise SelTidakSah(
                    _("%(where)s: tulis “Kanal: nomor/alamat/tautan” (kanal: %(pilihan)s), atau “%(tc)s: …”.")
                    % {
                        "where": where,
                        "pilihan": _daftar_pilihan(dict(KanalPengaduan.choices)),
                        "tc": TATA_CARA,
                    }
                )
            items.append({"jenis": key, "nilai": nilai.strip()})
        return {"items": items, "catatan": catatan}

    def tulis(self, jenis, data):
        labels = dict(KanalPengaduan.choices)
        lines = [f"{labels.get(i.get('jenis'), i.get('jenis'))}: {i.get('nilai')}" for i in jenis.items(data)]
        if data.get("catatan"):
            lines.append(f"{TATA_CARA}: {data['catatan']}")
        return "\n".join(lines)


_REGULASI = re.compile(
    r"^(?P<jenis>.+?)\s+(?:nomor|no\.?)\s*(?P<nomor>.+?)\s+tahun\s+(?P<tahun>\d{4})\s+tentang\s+(?P<tentang>.+)$",
    re.IGNORECASE,
)
REGULASI_ALIAS = {
    "uu": "uu",
    "undang undang": "uu",
    "pp": "pp",
    "perpres": "perpres",
    "permen": "permen",
    "perda": "perda",
    "pergub": "pergub",
    "perbup": "perkada",
    "perwal": "perkada",
    "perkada": "perkada",
    "peraturan bupati": "perkada",
    "peraturan wali kota": "perkada",
    "peraturan walikota": "perkada",
    "peraturan kepala daerah": "perkada",
    "keputusan": "keputusan",
    "lainnya": "lainnya",
}


def _jenis_regulasi(teks: str) -> tuple[str | None, bool]:
    """(key, exact): the regulation type named by `teks`; by the longest matching label or alias
    at its start when it has more words ("Peraturan Menteri Dalam Negeri" -> permen, inexact)."""
    key = _pilihan(teks, isi_module.JENIS_REGULASI, REGULASI_ALIAS)
    if key is not None:
        return key, True
    wanted = _norm(teks)
    candidates = [(_norm(label), k) for k, label in isi_module.JENIS_REGULASI.items()]
    candidates += list(REGULASI_ALIAS.items())
    for name, k in sorted(candidates, key=lambda c: -len(c[0])):
        if wanted.startswith(name + " "):
            return k, False
    return None, False


@dataclass(frozen=True)
class ParserRegulasi(Parser):
    def baca(self, jenis, teks, catatan):
        items = []
        for n, line in enumerate(_baris(teks), start=1):
            where = _("Peraturan %(n)s") % {"n": n}
            m = _REGULASI.match(line)
            key, exact = _jenis_regulasi(m.group("jenis")) if m else (None, False)
            if m is None or key is None:
                raise SelTidakSah(
                    _(
                        "%(where)s: tulis “<jenis> Nomor <n> Tahun <tahun> "
                        "tentang <judul>” (jenis: %(pilihan)s)."
                    )
                    % {"where": where, "pilihan": _daftar_pilihan(isi_module.JENIS_REGULASI)}
                )
            if not exact:
                catatan.append(
                    _("%(where)s: “%(teks)s” disimpan sebagai jenis “%(label)s”.")
                    % {"where": where, "teks": m.group("jenis"), "label": isi_module.JENIS_REGULASI[key]}
                )
            items.append(
                {
                    "jenis": key,
                    "nomor": m.group("nomor"),
                    "tahun": int(m.group("tahun")),
                    "tentang": m.group("tentang"),
                }
            )
        return {"items": items}

    def tulis(self, jenis, data):
        return "\n".join(jenis.item_text(i) for i in jenis.items(data))


_JUMLAH_TOTAL = re.compile(r"^(?:jumlah\s*:?\s*)?(?P<n>[\d.]+)(?:\s*(?:orang|pelaksana))?\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class ParserJumlahPelaksana(Parser):
    def baca(self, jenis, teks, catatan):
        lines = _baris(teks)
        jumlah = None
        if lines and (m := _JUMLAH_TOTAL.match(lines[0])):
            jumlah = _bilangan(m.group("n"), str(_("Jumlah pelaksana")))
            lines = lines[1:]
        rincian = []
        for n, line in enumerate(lines, start=1):
            where = _("Rincian %(n)s") % {"n": n}
            peran, sep, angka = line.rpartition(":")
            if not sep or not peran.strip():
                raise SelTidakSah(
                    _("%(where)s: tulis “peran: jumlah”, misalnya “Petugas loket: 3”.") % {"where": where}
                )
            rincian.append({"peran": peran.strip(), "jumlah": _bilangan(angka, where)})
        if jumlah is None and rincian:
            jumlah = sum(r["jumlah"] for r in rincian)
        return {"jumlah": jumlah, "rincian": rincian}

    def tulis(self, jenis, data):
        if not data.get("jumlah"):
            return ""
        lines = [f"{data['jumlah']} orang"]
        lines += [f"{r.get('peran')}: {r.get('jumlah')}" for r in jenis.items(data)]
        return "\n".join(lines)


@dataclass(frozen=True)
class ParserTeks(Parser):
    def baca(self, jenis, teks, catatan):
        return {"teks": teks.strip()}

    def tulis(self, jenis, data):
        return data.get("teks") or ""


_PERIODE = re.compile(
    r"^(?:periode(?:\s+evaluasi)?\s*:?|dilakukan\s+setiap)\s*(?P<n>\d+)\s*bulan\.?$", re.IGNORECASE
)


@dataclass(frozen=True)
class ParserEvaluasi(Parser):
    def baca(self, jenis, teks, catatan):
        lines = teks.strip().splitlines()
        periode = None
        if lines and (m := _PERIODE.match(lines[-1].strip())):
            periode = int(m.group("n"))
            lines = lines[:-1]
        return {"teks": "\n".join(lines).strip(), "periode_bulan": periode}

    def tulis(self, jenis, data):
        lines = [data.get("teks") or ""]
        if data.get("periode_bulan"):
            lines.append(f"Periode evaluasi: {data['periode_bulan']} bulan")
        return "\n".join(line for line in lines if line)


PARSER: dict[str, Parser] = {
    "persyaratan": ParserDaftar(
        "Satu persyaratan per baris: “uraian | jenis” (Administratif atau Teknis; "
        "tanpa jenis = Administratif)."
    ),
    "prosedur": ParserProsedur(
        "Satu langkah per baris: “pelaksana | kegiatan | durasi” (durasi boleh kosong, misalnya “15 menit”)."
    ),
    "durasi": ParserDurasi("Angka dan satuan: menit, jam, hari kerja, atau hari. Misalnya “3 hari kerja”."),
    "biaya": ParserBiaya(
        "“Gratis”, atau satu tarif per baris: “uraian: jumlah (dasar penetapan)”, jumlah "
        "dalam rupiah tanpa desimal."
    ),
    "daftar": ParserDaftar("Satu butir per baris."),
    "kanal": ParserKanal(
        "Satu kanal per baris: “Kanal: nomor/alamat/tautan” (Telepon, E-mail, Website, "
        "SP4N-LAPOR!, Kotak saran, Loket pengaduan, WhatsApp); lalu boleh “Tata cara: …”."
    ),
    "regulasi": ParserRegulasi(
        "Satu peraturan per baris: “<jenis> Nomor <n> Tahun <tahun> tentang <judul>”, "
        "misalnya “Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik”."
    ),
    "sarana": ParserDaftar(
        "Satu sarana per baris; tambahkan “| kelompok rentan” bila khusus untuk kelompok rentan."
    ),
    "jumlah_pelaksana": ParserJumlahPelaksana(
        "Baris pertama “6 orang”, lalu boleh satu baris per peran: “Petugas loket: 3” (jumlahnya harus sama)."
    ),
    "teks": ParserTeks("Teks bebas (boleh beberapa baris)."),
    "evaluasi": ParserEvaluasi(
        "Teks bebas, lalu baris terakhir “Periode evaluasi: 6 bulan” (3, 6, 12, atau 24 bulan)."
    ),
}

if {k.jenis.kode for k in komponen.KOMPONEN} - set(PARSER):
    raise ImportError("standar.impor needs a parser for every kind of the component registry")


def teks_komponen(k: komponen.Komponen, data: dict | None) -> str:
    """The cell text of a component's content (the inverse of `isi_komponen`)."""
    with translation.override("id"):
        return PARSER[k.jenis.kode].tulis(k.jenis, data or k.jenis.empty())


def isi_komponen(k: komponen.Komponen, teks: str) -> tuple[dict, list[str]]:
    """(content, notes) of a component read from its cell text, validated by the kind;
    SelTidakSah with the reasons otherwise."""
    catatan: list[str] = []
    with translation.override("id"):
        data = PARSER[k.jenis.kode].baca(k.jenis, teks, catatan)
        try:
            return k.jenis.clean(data), catatan
        except ValidationError as exc:
            raise SelTidakSah(*exc.messages) from None


def judul_kolom(k: komponen.Komponen) -> str:
    return k.label_id


def petunjuk_kolom(k: komponen.Komponen) -> str:
    return PARSER[k.jenis.kode].petunjuk


# --- the uploaded file ---------------------------------------------------------------------


def periksa_berkas(data: bytes) -> None:
    """Refuse anything that is not a plain, reasonably sized .xlsx workbook (BerkasTidakSah)."""
    if len(data) > MAKS_BYTES:
        raise BerkasTidakSah(_("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": MAKS_BYTES // MB})
    if not data:
        raise BerkasTidakSah(_("Berkas kosong."))
    bukan_xlsx = BerkasTidakSah(
        _(
            "Berkas ini bukan buku kerja Excel .xlsx. Simpan berkas dari Excel atau LibreOffice sebagai "
            "“Excel Workbook (.xlsx)”, lalu unggah lagi."
        )
    )
    if not data.startswith(b"PK\x03\x04"):
        raise bukan_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAKS_ANGGOTA:
                raise bukan_xlsx
            if sum(i.file_size for i in infos) > MAKS_UNZIP:
                raise BerkasTidakSah(
                    _("Isi berkas terlalu besar setelah diekstrak (paling besar %(mb)s MB).")
                    % {"mb": MAKS_UNZIP // MB}
                )
            for i in infos:
                if i.file_size > MB and i.file_size > MAKS_RASIO * max(i.compress_size, 1):
                    raise BerkasTidakSah(_("Berkas ini dimampatkan secara tidak wajar dan ditolak."))
            names = {i.filename: i for i in infos}
            ct = names.get("[Content_Types].xml")
            if ct is None or ct.file_size > MB:
                raise bukan_xlsx
            if SPREADSHEET_MAIN not in zf.read(ct):
                raise bukan_xlsx
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError):
        raise bukan_xlsx from None


def _sel(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _kolom_huruf(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _baca_lembar(data: bytes) -> list[tuple[int, tuple]]:
    """(row number, values) of the rows of the data sheet, bounded; BerkasTidakSah otherwise."""
    from openpyxl import load_workbook

    tidak_terbaca = BerkasTidakSah(
        _(
            "Berkas Excel ini tidak dapat dibaca (rusak atau bukan format .xlsx biasa). Buka di Excel atau "
            "LibreOffice, simpan ulang sebagai .xlsx, lalu unggah lagi."
        )
    )
    rows = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            try:
                ws = wb[LEMBAR] if LEMBAR in wb.sheetnames else wb.worksheets[0]
                if (ws.max_row or 0) > MAKS_DIMENSI_BARIS or (ws.max_column or 0) > 16_000:
                    raise BerkasTidakSah(
                        _(
                            "Lembar “%(lembar)s” terlalu besar (%(n)s baris). Salin data ke templat baru "
                            "(paling banyak %(maks)s baris layanan), lalu unggah lagi."
                        )
                        % {"lembar": ws.title, "n": f"{ws.max_row:,}".replace(",", "."), "maks": MAKS_BARIS}
                    )
                terisi = 0
                for n, values in enumerate(ws.iter_rows(max_col=MAKS_KOLOM, values_only=True), start=1):
                    if not any(_sel(v).strip() for v in values):
                        continue
                    terisi += 1
                    if terisi > MAKS_BARIS + 1:  # + the header row
                        raise BerkasTidakSah(
                            _("Terlalu banyak baris: paling banyak %(maks)s layanan dalam satu berkas.")
                            % {"maks": MAKS_BARIS}
                        )
                    rows.append((n, values))
            finally:
                wb.close()
    except BerkasTidakSah:
        raise
    except Exception:
        raise tidak_terbaca from None
    return rows


# --- preview and import ------------------------------------------------------------------


@dataclass
class KomponenImpor:
    komponen: komponen.Komponen
    kolom: str  # header and column letter, for messages
    isi: dict | None = None  # None: the cell was empty (the component is left as it is)
    baris: list[str] = field(default_factory=list)  # the content as text lines (preview)
    galat: list[str] = field(default_factory=list)


@dataclass
class BarisImpor:
    nomor: int  # the row number in the sheet
    nama_layanan: str
    layanan: Layanan | None = None
    komponen: list[KomponenImpor] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    versi_berikut: int | None = None
    menyalin_versi: int | None = None

    @property
    def semua_galat(self) -> list[str]:
        return self.galat + [f"{c.kolom}: {g}" for c in self.komponen for g in c.galat]

    @property
    def terisi(self) -> list[KomponenImpor]:
        return [c for c in self.komponen if c.isi is not None]


@dataclass
class Pratinjau:
    unit: Unit
    baris: list[BarisImpor] = field(default_factory=list)
    galat_berkas: list[str] = field(default_factory=list)
    kolom_diabaikan: list[str] = field(default_factory=list)

    @property
    def jumlah_galat(self) -> int:
        return len(self.galat_berkas) + sum(1 for b in self.baris if b.semua_galat)

    @property
    def siap(self) -> bool:
        return not self.galat_berkas and bool(self.baris) and not any(b.semua_galat for b in self.baris)


def _cari_judul(rows) -> tuple[int, dict[int, str]] | None:
    """The header row among the first rows: (index in rows, {column index: header})."""
    nama_layanan = {_norm(KOLOM_LAYANAN), "nama layanan", "jenis layanan", "jenis pelayanan"}
    for i, (_n, values) in enumerate(rows[:BARIS_JUDUL_DICARI]):
        headers = {c: _sel(v).strip() for c, v in enumerate(values) if _sel(v).strip()}
        if any(_norm(h) in nama_layanan for h in headers.values()):
            return i, headers
    return None


def _cocok_komponen(header: str) -> komponen.Komponen | None:
    wanted = re.sub(r"^\d{1,2}[.)]\s*", "", _norm(header))
    for k in komponen.KOMPONEN:
        names = {_norm(k.label_id), _norm(k.label_en), _norm(k.kunci), _norm(k.kunci.replace("_", " "))}
        if wanted in names:
            return k
    return None


def pratinjau(data: bytes, unit: Unit) -> Pratinjau:
    """Read and check the workbook without saving anything."""
    hasil = Pratinjau(unit=unit)
    try:
        periksa_berkas(data)
        rows = _baca_lembar(data)
    except BerkasTidakSah as exc:
        hasil.galat_berkas = exc.messages
        return hasil
    judul = _cari_judul(rows)
    if judul is None:
        hasil.galat_berkas = [
            _(
                "Baris judul tidak ditemukan: lembar “%(lembar)s” harus "
                "memiliki kolom “%(kolom)s”. Gunakan templat "
                "dari halaman ini."
            )
            % {"lembar": LEMBAR, "kolom": KOLOM_LAYANAN}
        ]
        return hasil
    i_judul, headers = judul
    kolom_layanan = None
    kolom_komponen: dict[str, int] = {}
    for c, h in headers.items():
        k = _cocok_komponen(h)
        if _norm(h) in {_norm(KOLOM_LAYANAN), "nama layanan", "jenis layanan", "jenis pelayanan"}:
            kolom_layanan = c if kolom_layanan is None else kolom_layanan
        elif k is not None and k.kunci not in kolom_komponen:
            kolom_komponen[k.kunci] = c
        else:
            hasil.kolom_diabaikan.append(h)
    hilang = [judul_kolom(k) for k in komponen.KOMPONEN if k.kunci not in kolom_komponen]
    if hilang:
        hasil.galat_berkas = [
            _(
                "Kolom wajib tidak ada: %(kolom)s. Gunakan templat dari "
                "halaman ini (judul kolom tidak boleh diubah)."
            )
            % {"kolom": ", ".join(f"“{h}”" for h in hilang)}
        ]
        return hasil

    layanan_unit = list(Layanan.objects.filter(unit=unit, aktif=True).select_related("standar"))
    by_name: dict[str, list[Layanan]] = {}
    for layanan in layanan_unit:
        by_name.setdefault(_norm(layanan.nama), []).append(layanan)
        by_name.setdefault(_norm(layanan.slug), []).append(layanan)
    persiapan = {
        v.standar.layanan_id: v
        for v in VersiStandar.objects.filter(
            standar__layanan__unit=unit, status__in=STATUS_PERSIAPAN
        ).select_related("standar")
    }
    nomor_akhir = dict(
        VersiStandar.objects.filter(standar__layanan__unit=unit)
        .values_list("standar__layanan_id")
        .annotate(n=Max("nomor"))
        .order_by()
    )
    terbit = dict(
        VersiStandar.objects.filter(standar__layanan__unit=unit, status="terbit").values_list(
            "standar__layanan_id", "nomor"
        )
    )
    dipakai: dict[int, int] = {}
    for n, values in rows[i_judul + 1 :]:
        nama = _sel(values[kolom_layanan]).strip() if kolom_layanan < len(values) else ""
        baris = BarisImpor(nomor=n, nama_layanan=nama[:200])
        for k in komponen.KOMPONEN:
            c = kolom_komponen[k.kunci]
            kolom = f"{judul_kolom(k)} ({_kolom_huruf(c + 1)})"
            teks = _sel(values[c]) if c < len(values) else ""
            item = KomponenImpor(komponen=k, kolom=kolom)
            if len(teks) > MAKS_SEL:
                item.galat.append(_("teks terlalu panjang (paling banyak %(n)s karakter).") % {"n": MAKS_SEL})
            elif teks.strip():
                try:
                    item.isi, catatan = isi_komponen(k, teks)
                except SelTidakSah as exc:
                    item.galat.extend(exc.messages)
                else:
                    baris.catatan.extend(f"{kolom}: {c}" for c in catatan)
                    with translation.override("id"):
                        item.baris = [str(line) for line in k.jenis.lines(item.isi)]
            baris.komponen.append(item)
        if not nama:
            baris.galat.append(
                _("Kolom “%(kolom)s” kosong: tulis nama layanannya.") % {"kolom": KOLOM_LAYANAN}
            )
        else:
            cocok = by_name.get(_norm(nama), [])
            cocok = list({x.pk: x for x in cocok}.values())
            if not cocok:
                baris.galat.append(
                    _(
                        "Layanan “%(nama)s” tidak ada (atau tidak aktif) di "
                        "unit ini. Tambahkan layanannya dulu di "
                        "profil unit, atau periksa ejaannya."
                    )
                    % {"nama": nama}
                )
            elif len(cocok) > 1:
                baris.galat.append(
                    _("Nama “%(nama)s” cocok dengan lebih dari satu layanan; tulis slug layanannya.")
                    % {"nama": nama}
                )
            else:
                layanan = cocok[0]
                baris.layanan = layanan
                if layanan.pk in dipakai:
                    baris.galat.append(
                        _("Layanan “%(nama)s” sudah ada di baris %(n)s.")
                        % {"nama": layanan.nama, "n": dipakai[layanan.pk]}
                    )
                dipakai.setdefault(layanan.pk, n)
                v = persiapan.get(layanan.pk)
                if v is not None:
                    baris.galat.append(
                        _(
                            "Layanan ini sudah memiliki versi %(n)s yang sedang "
                            "disusun (status %(s)s); selesaikan "
                            "versi itu dulu."
                        )
                        % {"n": v.nomor, "s": v.get_status_display()}
                    )
                baris.versi_berikut = nomor_akhir.get(layanan.pk, 0) + 1
                baris.menyalin_versi = terbit.get(layanan.pk)
        if not baris.terisi and not any(c.galat for c in baris.komponen):
            baris.galat.append(_("Baris ini tidak berisi komponen apa pun."))
        hasil.baris.append(baris)
    if not hasil.baris:
        hasil.galat_berkas.append(_("Berkas tidak berisi baris layanan di bawah baris judul."))
    return hasil


class ImporDitolak(ValidationError):
    """The import was refused; nothing was saved. `pratinjau` holds the reasons."""

    def __init__(self, message, hasil: Pratinjau | None = None):
        self.pratinjau = hasil
        super().__init__(message)


@transaction.atomic
def simpan(*, unit: Unit, data: bytes, oleh) -> list[VersiStandar]:
    """Create one draft per row, all or nothing (ImporDitolak, and nothing is kept, otherwise)."""
    policy.require(oleh, "standar.impor", unit)
    hasil = pratinjau(data, unit)
    if not hasil.siap:
        raise ImporDitolak(_("Impor dibatalkan: masih ada kesalahan. Tidak ada yang disimpan."), hasil)
    dibuat = []
    for baris in hasil.baris:
        try:
            versi = services.versi_draft_create(layanan=baris.layanan, oleh=oleh)
            rows = {r.kunci: r for r in versi.komponen_set.all()}
            for item in baris.terisi:
                services.komponen_update(
                    versi=versi,
                    kunci=item.komponen.kunci,
                    isi=item.isi,
                    revisi_dasar=rows[item.komponen.kunci].revisi,
                    oleh=oleh,
                )
        except ValidationError as exc:
            baris.galat.extend(exc.messages)
            raise ImporDitolak(
                _("Impor dibatalkan pada baris %(n)s: %(alasan)s Tidak ada yang disimpan.")
                % {"n": baris.nomor, "alasan": " ".join(exc.messages)},
                hasil,
            ) from None
        dibuat.append(versi)
    audit_record(
        aktor=oleh,
        aksi="standar.impor",
        objek=unit,
        data={"versi": [v.pk for v in dibuat], "sha256": hashlib.sha256(data).hexdigest()},
    )
    return dibuat


# --- keeping the file between preview and confirmation -------------------------------------
# The uploaded file is kept in a temporary file under MEDIA_ROOT/impor-sementara/ with a random
# 128-bit name; the session holds only that name, the unit and the file's SHA-256 (so the
# confirmation imports exactly the previewed file, and a large file does not bloat every
# request's session). The file is deleted on confirmation or cancellation; files older than
# KEDALUWARSA are deleted whenever a file is kept.


def simpan_sementara(data: bytes) -> str:
    bersihkan_kedaluwarsa()
    token = secrets.token_hex(16)
    default_storage.save(f"{SIMPAN_DI}/{token}.xlsx", ContentFile(data))
    return token


def _path(token: str) -> str | None:
    if not re.fullmatch(r"[0-9a-f]{32}", token or ""):
        return None
    return f"{SIMPAN_DI}/{token}.xlsx"


def muat_sementara(token: str, sha256: str) -> bytes | None:
    path = _path(token)
    if path is None or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as fh:
        data = fh.read(MAKS_BYTES + 1)
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def hapus_sementara(token: str) -> None:
    path = _path(token)
    if path is not None and default_storage.exists(path):
        default_storage.delete(path)


def bersihkan_kedaluwarsa() -> int:
    try:
        _dirs, files = default_storage.listdir(SIMPAN_DI)
    except (FileNotFoundError, NotImplementedError):
        return 0
    batas = timezone.now() - KEDALUWARSA
    n = 0
    for name in files:
        path = f"{SIMPAN_DI}/{name}"
        try:
            if default_storage.get_modified_time(path) < batas:
                default_storage.delete(path)
                n += 1
        except (FileNotFoundError, NotImplementedError, OSError):
            continue
    return n
