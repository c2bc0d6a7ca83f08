"""Typed content of a component: one kind per shape of content.

Each kind validates and normalises the JSON stored for a component (`clean`), tells
whether it is complete, renders it as plain text lines, and diffs two versions of it.
List items carry a stable `id` that is copied into later versions, so comments
anchored to an item and the field-level diff survive edits.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pelayanan.choices import KanalPengaduan

TEXT_MAX = 10_000
ITEMS_MAX = 100
_ID_RE = re.compile(r"^[0-9a-f]{8}$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def new_item_id() -> str:
    return secrets.token_hex(4)


def rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


SATUAN_WAKTU = {
    "menit": _("menit"),
    "jam": _("jam"),
    "hari_kerja": _("hari kerja"),
    "hari": _("hari"),
}
JENIS_PERSYARATAN = {"administratif": _("Administratif"), "teknis": _("Teknis")}
JENIS_REGULASI = {
    "uu": _("Undang-Undang"),
    "pp": _("Peraturan Pemerintah"),
    "perpres": _("Peraturan Presiden"),
    "permen": _("Peraturan Menteri"),
    "perda": _("Peraturan Daerah"),
    "pergub": _("Peraturan Gubernur"),
    "perkada": _("Peraturan Bupati/Wali Kota"),
    "keputusan": _("Keputusan"),
    "lainnya": _("Peraturan lainnya"),
}
PERIODE_EVALUASI = {3: _("3 bulan"), 6: _("6 bulan"), 12: _("12 bulan"), 24: _("24 bulan")}


@dataclass(frozen=True)
class Perubahan:
    """One change between two versions of a component."""

    jenis: str  # "ditambah" | "dihapus" | "diubah" | "urutan"
    lama: str = ""
    baru: str = ""

    @property
    def label(self) -> str:
        return str(
            {
                "ditambah": _("ditambah"),
                "dihapus": _("dihapus"),
                "diubah": _("diubah"),
                "urutan": _("urutan diubah"),
            }[self.jenis]
        )


# --- field specs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text | longtext | int | choice | bool
    required: bool = True
    max_length: int = 500
    choices: dict | None = None
    min_value: int | None = None
    max_value: int | None = None


def _clean_text(value, f: Field, errors: list, where: str) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.append(_("%(where)s: %(label)s harus berupa teks.") % {"where": where, "label": f.label})
        return ""
    value = _CONTROL_RE.sub("", value).strip()
    if len(value) > f.max_length:
        errors.append(
            _("%(where)s: %(label)s paling banyak %(max)s karakter (sekarang %(n)s).")
            % {"where": where, "label": f.label, "max": f.max_length, "n": len(value)}
        )
    if f.required and not value:
        errors.append(_("%(where)s: %(label)s wajib diisi.") % {"where": where, "label": f.label})
    return value


def _clean_int(value, f: Field, errors: list, where: str) -> int | None:
    if value in (None, ""):
        if f.required:
            errors.append(_("%(where)s: %(label)s wajib diisi.") % {"where": where, "label": f.label})
        return None
    try:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError
        number = int(value)
    except (TypeError, ValueError):
        errors.append(_("%(where)s: %(label)s harus bilangan bulat.") % {"where": where, "label": f.label})
        return None
    if f.min_value is not None and number < f.min_value:
        errors.append(
            _("%(where)s: %(label)s paling sedikit %(min)s.")
            % {"where": where, "label": f.label, "min": f.min_value}
        )
    if f.max_value is not None and number > f.max_value:
        errors.append(
            _("%(where)s: %(label)s paling banyak %(max)s.")
            % {"where": where, "label": f.label, "max": f.max_value}
        )
    return number


def _clean_value(value, f: Field, errors: list, where: str):
    if f.kind in ("text", "longtext"):
        return _clean_text(value, f, errors, where)
    if f.kind == "int":
        return _clean_int(value, f, errors, where)
    if f.kind == "bool":
        return bool(value) and value not in ("false", "0", "off")
    if f.kind == "choice":
        if value in (None, "") and not f.required:
            return ""
        keys = {str(k): k for k in f.choices}
        if str(value) not in keys:
            errors.append(_("%(where)s: pilihan %(label)s tidak sah.") % {"where": where, "label": f.label})
            return ""
        return keys[str(value)]
    raise ValueError(f.kind)


def _display(f: Field, value) -> str:
    if f.choices is not None and value not in (None, ""):
        return str(f.choices.get(value, value))
    if f.kind == "bool":
        return str(_("ya")) if value else ""
    return "" if value is None else str(value)


# --- kinds --------------------------------------------------------------------------------


class JenisIsi:
    """Base of all kinds. Data is a dict; `clean` returns the normalised dict."""

    kode = ""
    fields: tuple[Field, ...] = ()

    def empty(self) -> dict:
        raise NotImplementedError

    def clean(self, data) -> dict:
        raise NotImplementedError

    def is_complete(self, data: dict) -> bool:
        raise NotImplementedError

    def lines(self, data: dict) -> list[str]:
        """Plain-text rendering, one line per item (for diffs, search and print)."""
        raise NotImplementedError

    def items(self, data: dict) -> list[dict]:
        """The anchorable items (with `id`); empty for kinds without items."""
        return []

    def item_text(self, item: dict) -> str:
        return ""

    def summary(self, data: dict) -> str:
        return "; ".join(self.lines(data))

    def diff(self, old: dict, new: dict) -> list[Perubahan]:
        a, b = self.summary(old), self.summary(new)
        return [] if a == b else [Perubahan("diubah", a, b)]

    @staticmethod
    def _require_dict(data) -> dict:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise ValidationError(_("Isi komponen tidak berbentuk yang benar."))
        return data


@dataclass(frozen=True)
class Daftar(JenisIsi):
    """An ordered list of items with the given fields, plus an optional note."""

    kode: str
    fields: tuple[Field, ...]
    item_label: str = _("Butir")
    catatan_label: str | None = None
    min_items: int = 1
    text_format: str = "{uraian}"

    def empty(self) -> dict:
        data = {"items": []}
        if self.catatan_label:
            data["catatan"] = ""
        return data

    def clean(self, data) -> dict:
        data = self._require_dict(data)
        raw_items = data.get("items") or []
        if not isinstance(raw_items, list):
            raise ValidationError(_("Daftar butir tidak berbentuk yang benar."))
        if len(raw_items) > ITEMS_MAX:
            raise ValidationError(_("Paling banyak %(max)s butir.") % {"max": ITEMS_MAX})
        errors: list = []
        items, seen = [], set()
        for n, raw in enumerate(raw_items, start=1):
            if not isinstance(raw, dict):
                errors.append(_("Butir %(n)s tidak berbentuk yang benar.") % {"n": n})
                continue
            where = f"{self.item_label} {n}"
            item = {f.name: _clean_value(raw.get(f.name), f, errors, where) for f in self.fields}
            item_id = raw.get("id")
            if not isinstance(item_id, str) or not _ID_RE.match(item_id) or item_id in seen:
                item_id = new_item_id()
            seen.add(item_id)
            items.append({"id": item_id, **item})
        errors += self.check_items(items)
        result = {"items": items}
        if self.catatan_label:
            result["catatan"] = _clean_text(
                data.get("catatan"),
                Field("catatan", self.catatan_label, "longtext", required=False, max_length=TEXT_MAX),
                errors,
                str(self.catatan_label),
            )
        if errors:
            raise ValidationError(errors)
        return result

    def check_items(self, items: list[dict]) -> list:
        return []

    def is_complete(self, data: dict) -> bool:
        return len(data.get("items") or []) >= self.min_items

    def items(self, data: dict) -> list[dict]:
        return list(data.get("items") or [])

    def item_text(self, item: dict) -> str:
        values = {f.name: _display(f, item.get(f.name)) for f in self.fields}
        return self.text_format.format(**values).replace("()", "").strip(" ;,")

    def lines(self, data: dict) -> list[str]:
        out = [f"{n}. {self.item_text(i)}" for n, i in enumerate(self.items(data), start=1)]
        if data.get("catatan"):
            out.append(data["catatan"])
        return out

    def diff(self, old: dict, new: dict) -> list[Perubahan]:
        old_items = {i["id"]: i for i in self.items(old)}
        new_items = {i["id"]: i for i in self.items(new)}
        changes = []
        for item_id, item in old_items.items():
            if item_id not in new_items:
                changes.append(Perubahan("dihapus", lama=self.item_text(item)))
        for item_id, item in new_items.items():
            if item_id not in old_items:
                changes.append(Perubahan("ditambah", baru=self.item_text(item)))
            else:
                a, b = self.item_text(old_items[item_id]), self.item_text(item)
                if a != b:
                    changes.append(Perubahan("diubah", a, b))
        common_old = [i for i in old_items if i in new_items]
        common_new = [i for i in new_items if i in old_items]
        if common_old != common_new:
            changes.append(Perubahan("urutan"))
        if (old.get("catatan") or "") != (new.get("catatan") or ""):
            changes.append(Perubahan("diubah", old.get("catatan") or "", new.get("catatan") or ""))
        return changes


class Prosedur(Daftar):
    def item_text(self, item: dict) -> str:
        text = f"{item.get('pelaksana', '')}: {item.get('uraian', '')}"
        if item.get("durasi_jumlah"):
            text += f" ({item['durasi_jumlah']} {SATUAN_WAKTU.get(item.get('durasi_satuan'), '')})"
        return text

    def check_items(self, items):
        return [
            _("Langkah %(n)s: pilih satuan waktu untuk durasinya.") % {"n": n}
            for n, i in enumerate(items, start=1)
            if i.get("durasi_jumlah") and not i.get("durasi_satuan")
        ]


class Sarana(Daftar):
    def item_text(self, item: dict) -> str:
        text = item.get("uraian", "")
        if item.get("kelompok_rentan"):
            text += " (" + str(_("untuk kelompok rentan")) + ")"
        return text


class Regulasi(Daftar):
    def item_text(self, item: dict) -> str:
        jenis = JENIS_REGULASI.get(item.get("jenis"), item.get("jenis", ""))
        return f"{jenis} Nomor {item.get('nomor')} Tahun {item.get('tahun')} tentang {item.get('tentang')}"


class Durasi(JenisIsi):
    kode = "durasi"
    fields = (
        Field("jumlah", _("Jumlah"), "int", required=False, min_value=1, max_value=100_000),
        Field("satuan", _("Satuan"), "choice", required=False, choices=SATUAN_WAKTU),
    )

    def empty(self) -> dict:
        return {"jumlah": None, "satuan": ""}

    def clean(self, data) -> dict:
        data = self._require_dict(data)
        errors: list = []
        where = str(_("Jangka waktu"))
        result = {f.name: _clean_value(data.get(f.name), f, errors, where) for f in self.fields}
        if not errors and bool(result["jumlah"]) != bool(result["satuan"]):
            errors.append(_("%(where)s: isi jumlah dan satuannya.") % {"where": where})
        if errors:
            raise ValidationError(errors)
        return result

    def is_complete(self, data: dict) -> bool:
        return bool(data.get("jumlah")) and bool(data.get("satuan"))

    def lines(self, data: dict) -> list[str]:
        if not self.is_complete(data):
            return []
        return [f"{data['jumlah']} {SATUAN_WAKTU[data['satuan']]}"]

    def diff(self, old: dict, new: dict) -> list[Perubahan]:
        if (old.get("jumlah"), old.get("satuan")) == (new.get("jumlah"), new.get("satuan")):
            return []
        if old.get("satuan") == new.get("satuan") and self.is_complete(old) and self.is_complete(new):
            unit = SATUAN_WAKTU[new["satuan"]]
            return [Perubahan("diubah", f"{old['jumlah']}", f"{new['jumlah']} {unit}")]
        return [Perubahan("diubah", self.summary(old), self.summary(new))]


class Biaya(JenisIsi):
    """Free of charge, or items in rupiah each with the regulation that sets it."""

    kode = "biaya"
    item_fields = (
        Field("uraian", _("Uraian"), max_length=300),
        Field("jumlah", _("Jumlah (rupiah)"), "int", min_value=1, max_value=10**12),
        Field("dasar_hukum", _("Dasar penetapan tarif"), max_length=300),
    )

    def empty(self) -> dict:
        return {"gratis": False, "items": []}

    def clean(self, data) -> dict:
        data = self._require_dict(data)
        gratis = _clean_value(data.get("gratis"), Field("gratis", "", "bool"), [], "")
        items = _BiayaItems.clean({"items": data.get("items") or []})["items"]
        if gratis and items:
            raise ValidationError(
                _("Pilih salah satu: layanan gratis, atau isi rincian tarif — tidak keduanya.")
            )
        return {"gratis": gratis, "items": items}

    def is_complete(self, data: dict) -> bool:
        return bool(data.get("gratis")) or bool(data.get("items"))

    def items(self, data: dict) -> list[dict]:
        return list(data.get("items") or [])

    def item_text(self, item: dict) -> str:
        return f"{item.get('uraian')}: {rupiah(item.get('jumlah') or 0)} ({item.get('dasar_hukum')})"

    def lines(self, data: dict) -> list[str]:
        if data.get("gratis"):
            return [str(_("Gratis"))]
        return [f"{n}. {self.item_text(i)}" for n, i in enumerate(self.items(data), start=1)]

    def summary(self, data: dict) -> str:
        if data.get("gratis"):
            return str(_("Gratis"))
        return " + ".join(rupiah(i.get("jumlah") or 0) for i in self.items(data))

    def diff(self, old: dict, new: dict) -> list[Perubahan]:
        if bool(old.get("gratis")) != bool(new.get("gratis")):
            return [Perubahan("diubah", self.summary(old), self.summary(new))]
        return _BiayaItems.diff({"items": self.items(old)}, {"items": self.items(new)})


class JumlahPelaksana(JenisIsi):
    kode = "jumlah_pelaksana"
    rincian_fields = (
        Field("peran", _("Peran/jabatan"), max_length=200),
        Field("jumlah", _("Jumlah"), "int", min_value=1, max_value=100_000),
    )

    def empty(self) -> dict:
        return {"jumlah": None, "rincian": []}

    def clean(self, data) -> dict:
        data = self._require_dict(data)
        errors: list = []
        jumlah = _clean_int(
            data.get("jumlah"),
            Field("jumlah", _("Jumlah pelaksana"), "int", required=False, min_value=1, max_value=100_000),
            errors,
            str(_("Jumlah pelaksana")),
        )
        rincian = _RINCIAN.clean({"items": data.get("rincian") or []})["items"]
        if jumlah and rincian and sum(r["jumlah"] or 0 for r in rincian) != jumlah:
            errors.append(
                _("Jumlah rincian per peran (%(sum)s) harus sama dengan jumlah pelaksana (%(n)s).")
                % {"sum": sum(r["jumlah"] or 0 for r in rincian), "n": jumlah}
            )
        if errors:
            raise ValidationError(errors)
        return {"jumlah": jumlah, "rincian": rincian}

    def is_complete(self, data: dict) -> bool:
        return bool(data.get("jumlah")) and data["jumlah"] >= 1

    def items(self, data: dict) -> list[dict]:
        return list(data.get("rincian") or [])

    def item_text(self, item: dict) -> str:
        return f"{item.get('peran')}: {item.get('jumlah')}"

    def lines(self, data: dict) -> list[str]:
        if not data.get("jumlah"):
            return []
        out = [str(_("%(n)s orang")) % {"n": data["jumlah"]}]
        out += [f"- {self.item_text(r)}" for r in self.items(data)]
        return out

    def diff(self, old: dict, new: dict) -> list[Perubahan]:
        changes = []
        if old.get("jumlah") != new.get("jumlah"):
            lama, baru = old.get("jumlah") or "–", new.get("jumlah") or "–"
            changes.append(Perubahan("diubah", str(lama), str(_("%(n)s orang")) % {"n": baru}))
        changes += _RINCIAN.diff({"items": self.items(old)}, {"items": self.items(new)})
        return changes


class Teks(JenisIsi):
    kode = "teks"
    fields = (Field("teks", _("Uraian"), "longtext", max_length=TEXT_MAX),)

    def empty(self) -> dict:
        return {"teks": ""}

    def clean(self, data) -> dict:
        data = self._require_dict(data)
        errors: list = []
        teks = _clean_text(
            data.get("teks"),
            Field("teks", _("Uraian"), "longtext", required=False, max_length=TEXT_MAX),
            errors,
            str(_("Uraian")),
        )
        if errors:
            raise ValidationError(errors)
        return {"teks": teks}

    def is_complete(self, data: dict) -> bool:
        return bool((data.get("teks") or "").strip())

    def lines(self, data: dict) -> list[str]:
        return [line for line in (data.get("teks") or "").splitlines() if line.strip()]

    def summary(self, data: dict) -> str:
        return data.get("teks") or ""


class Evaluasi(Teks):
    kode = "evaluasi"

    def empty(self) -> dict:
        return {"teks": "", "periode_bulan": None}

    def clean(self, data) -> dict:
        data = self._require_dict(data)
        result = super().clean(data)
        errors: list = []
        periode = _clean_value(
            data.get("periode_bulan"),
            Field("periode_bulan", _("Periode evaluasi"), "choice", required=False, choices=PERIODE_EVALUASI),
            errors,
            str(_("Evaluasi kinerja pelaksana")),
        )
        if errors:
            raise ValidationError(errors)
        return {**result, "periode_bulan": periode or None}

    def is_complete(self, data: dict) -> bool:
        return super().is_complete(data) and data.get("periode_bulan") in PERIODE_EVALUASI

    def lines(self, data: dict) -> list[str]:
        out = super().lines(data)
        if data.get("periode_bulan") in PERIODE_EVALUASI:
            out.append(str(_("Dilakukan setiap %(p)s.")) % {"p": PERIODE_EVALUASI[data["periode_bulan"]]})
        return out

    def summary(self, data: dict) -> str:
        return "\n".join(self.lines(data))


class _Tarif(Daftar):
    def item_text(self, item: dict) -> str:
        return BIAYA.item_text(item)


_BiayaItems = _Tarif("biaya_items", Biaya.item_fields, item_label=_("Tarif"), min_items=0)
_RINCIAN = Daftar(
    "rincian",
    JumlahPelaksana.rincian_fields,
    item_label=_("Rincian"),
    min_items=0,
    text_format="{peran}: {jumlah}",
)

PERSYARATAN = Daftar(
    "persyaratan",
    (
        Field("uraian", _("Persyaratan")),
        Field("jenis", _("Jenis"), "choice", choices=JENIS_PERSYARATAN),
    ),
    item_label=_("Persyaratan"),
    text_format="{uraian} ({jenis})",
)
PROSEDUR = Prosedur(
    "prosedur",
    (
        Field("pelaksana", _("Pelaksana"), max_length=200),
        Field("uraian", _("Kegiatan"), "longtext", max_length=1000),
        Field("durasi_jumlah", _("Durasi"), "int", required=False, min_value=1, max_value=100_000),
        Field("durasi_satuan", _("Satuan durasi"), "choice", required=False, choices=SATUAN_WAKTU),
    ),
    item_label=_("Langkah"),
)
DURASI = Durasi()
BIAYA = Biaya()
DAFTAR = Daftar("daftar", (Field("uraian", _("Uraian")),), item_label=_("Butir"))
SARANA = Sarana(
    "sarana",
    (
        Field("uraian", _("Sarana/prasarana/fasilitas")),
        Field("kelompok_rentan", _("Untuk kelompok rentan"), "bool", required=False),
    ),
    item_label=_("Sarana"),
)
KANAL = Daftar(
    "kanal",
    (
        Field("jenis", _("Kanal"), "choice", choices=dict(KanalPengaduan.choices)),
        Field("nilai", _("Nomor, alamat, atau tautan"), max_length=200),
    ),
    item_label=_("Kanal"),
    catatan_label=_("Tata cara penanganan pengaduan"),
    text_format="{jenis}: {nilai}",
)
REGULASI = Regulasi(
    "regulasi",
    (
        Field("jenis", _("Jenis peraturan"), "choice", choices=JENIS_REGULASI),
        Field("nomor", _("Nomor"), max_length=50),
        Field("tahun", _("Tahun"), "int", min_value=1945, max_value=2100),
        Field("tentang", _("Tentang"), max_length=500),
    ),
    item_label=_("Peraturan"),
)
JUMLAH_PELAKSANA = JumlahPelaksana()
TEKS = Teks()
EVALUASI = Evaluasi()
