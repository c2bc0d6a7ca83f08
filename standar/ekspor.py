"""Exports of published data as CSV and XLSX, and the import template.

- the catalogue: one row per active service, with the status of its standard (public);
- a unit's standards in force, in the import template layout (standar.impor): the column
  "Layanan", one column per component (cell text as the import reads it), then information
  columns the import ignores; importing this file into another unit gives the same content;
- a unit's service-delivery components in the publication layout for SIPPN: one row per
  service, "Nama Layanan", then the six service-delivery components of the registry in
  PermenPANRB 15/2014 order, each as plain text (docs/api.md: check it against the current
  SIPPN import template before uploading);
- the import template: the same layout with the unit's services listed, and an instructions
  sheet generated from the registry and the parsers.

Only published versions in force (status terbit) are exported; never a draft. Texts written to
a cell keep their exact value: in XLSX a text starting with "=" is stored as text (not a
formula); in CSV such a text gets a leading apostrophe (spreadsheet formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from pelayanan.models import Layanan, Unit
from standar import impor, komponen, selectors
from standar.choices import StatusVersi
from standar.models import VersiStandar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMAT = {"csv": CSV, "xlsx": XLSX}
_RUMUS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Tabel:
    """One sheet: a title, a header row, rows of cell values, and column widths."""

    judul: str
    kepala: list[str]
    baris: Iterable[list]
    lebar: list[int] | None = None


def _bersih(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx(tabel_list: list[Tabel]) -> bytes:
    """A workbook (write-only, streamed) with one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    tebal, isi = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    latar = PatternFill("solid", fgColor="DDE7F0")
    for tabel in tabel_list:
        ws = wb.create_sheet(tabel.judul[:31])
        for i, width in enumerate(tabel.lebar or [], start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "B2"
        kepala = []
        for h in tabel.kepala:
            cell = WriteOnlyCell(ws, value=_bersih(h))
            cell.font, cell.fill, cell.alignment = tebal, latar, isi
            kepala.append(cell)
        ws.append(kepala)
        for row in tabel.baris:
            cells = []
            for value in row:
                cell = WriteOnlyCell(ws, value=_bersih(value))
                if isinstance(value, str):
                    cell.data_type = "s"  # a text starting with "=" stays text
                cell.alignment = isi
                cells.append(cell)
            ws.append(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(tabel: Tabel) -> bytes:
    """UTF-8 with BOM (Excel opens it correctly), comma-separated, RFC 4180 quoting."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(tabel.kepala)
    for row in tabel.baris:
        writer.writerow(
            [
                "'" + v if isinstance(v, str) and v.startswith(_RUMUS) else ("" if v is None else v)
                for v in row
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def berkas(tabel_list: list[Tabel], fmt: str) -> bytes:
    return xlsx(tabel_list) if fmt == "xlsx" else csv_bytes(tabel_list[0])


def _tanggal(d) -> str:
    return d.isoformat() if d else ""


# --- the catalogue ------------------------------------------------------------------------


def katalog(q: str = "", instansi: str = "", unit: str = "", absolute=lambda path: path) -> Tabel:
    """The public catalogue (the same filters as its page) as one table."""
    terbit = VersiStandar.objects.filter(standar__layanan=OuterRef("pk"), status=StatusVersi.TERBIT)
    qs = selectors.katalog(q, instansi, unit).annotate(
        terbit_sk_nomor=Subquery(terbit.values("sk_nomor")[:1]),
        terbit_sk_tanggal=Subquery(terbit.values("sk_tanggal")[:1]),
    )
    with translation.override("id"):
        kepala = [
            _("Instansi"),
            _("Unit penyelenggara"),
            _("Layanan"),
            _("Status standar"),
            _("Versi berlaku"),
            _("Nomor SK"),
            _("Tanggal SK"),
            _("Berlaku mulai"),
            _("Tautan"),
        ]
        status = {"terbit": _("Terbit"), "dicabut": _("Dicabut"), "belum": _("Belum terbit")}

    def rows():
        for layanan in qs.iterator(chunk_size=500):
            if layanan.terbit_nomor:
                s = status["terbit"]
            else:
                s = status["dicabut"] if layanan.ada_versi_publik else status["belum"]
            berlaku = layanan.terbit_berlaku_mulai or (
                layanan.terbit_diterbitkan_pada.date() if layanan.terbit_diterbitkan_pada else None
            )
            yield [
                layanan.unit.instansi.nama,
                layanan.unit.nama,
                layanan.nama,
                s,
                layanan.terbit_nomor or "",
                layanan.terbit_sk_nomor or "",
                _tanggal(layanan.terbit_sk_tanggal),
                _tanggal(berlaku),
                absolute(
                    reverse(
                        "standar:layanan_detail", kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug}
                    )
                ),
            ]

    return Tabel("Katalog", [str(h) for h in kepala], rows(), [30, 40, 40, 14, 10, 26, 12, 12, 60])


# --- a unit's standards -------------------------------------------------------------------


def _layanan_terbit(unit: Unit) -> list[Layanan]:
    """The unit's active services with their version in force (`terbit_list`, zero or one),
    its components loaded; two queries."""
    terbit = VersiStandar.objects.filter(status=StatusVersi.TERBIT).prefetch_related("komponen_set")
    return list(
        Layanan.objects.filter(unit=unit, aktif=True)
        .prefetch_related(Prefetch("standar__versi_set", queryset=terbit, to_attr="terbit_list"))
        .order_by("nama", "pk")
    )


def _versi_terbit(layanan: Layanan) -> VersiStandar | None:
    standar = getattr(layanan, "standar", None)
    return (standar.terbit_list[0] if standar.terbit_list else None) if standar else None


def _isi(versi: VersiStandar) -> dict[str, dict]:
    return {row.kunci: row.isi or {} for row in versi.komponen_set.all()}


def kepala_templat() -> list[str]:
    return [impor.KOLOM_LAYANAN] + [impor.judul_kolom(k) for k in komponen.KOMPONEN]


LEBAR_TEMPLAT = [36] + [48] * komponen.JUMLAH


def unit_standar(unit: Unit, absolute=lambda path: path) -> Tabel:
    """The unit's standards in force in the import template layout, plus information columns."""
    with translation.override("id"):
        info = [_("Versi"), _("Nomor SK"), _("Tanggal SK"), _("Berlaku mulai"), _("Tautan")]

    def rows():
        for layanan in _layanan_terbit(unit):
            versi = _versi_terbit(layanan)
            if versi is None:
                continue
            isi = _isi(versi)
            url = reverse(
                "standar:versi_detail",
                kwargs={"unit": unit.slug, "layanan": layanan.slug, "nomor": versi.nomor},
            )
            yield [
                layanan.nama,
                *[impor.teks_komponen(k, isi.get(k.kunci)) for k in komponen.KOMPONEN],
                versi.nomor,
                versi.sk_nomor,
                _tanggal(versi.sk_tanggal),
                _tanggal(versi.berlaku_sejak),
                absolute(url),
            ]

    return Tabel(
        impor.LEMBAR, kepala_templat() + [str(h) for h in info], rows(), [*LEBAR_TEMPLAT, 8, 26, 12, 12, 60]
    )


def sippn(unit: Unit) -> Tabel:
    """The unit's service-delivery components in force, one row per service, as plain text."""
    sd = komponen.service_delivery()
    with translation.override("id"):
        kepala = [_("Nama Layanan")] + [k.label_id for k in sd]

        def rows():
            for layanan in _layanan_terbit(unit):
                versi = _versi_terbit(layanan)
                if versi is None:
                    continue
                isi = _isi(versi)
                with translation.override("id"):
                    yield [
                        layanan.nama,
                        *[
                            "\n".join(str(x) for x in k.jenis.lines(isi.get(k.kunci) or k.jenis.empty()))
                            for k in sd
                        ],
                    ]

    return Tabel("SIPPN", [str(h) for h in kepala], rows(), [40] + [60] * len(sd))


# --- the import template ------------------------------------------------------------------


def templat(unit: Unit | None = None) -> bytes:
    """The import template: the data sheet (the unit's services without a version in
    preparation listed in the first column) and the instructions sheet."""
    from standar.choices import STATUS_PERSIAPAN

    nama = []
    if unit is not None:
        sibuk = set(
            VersiStandar.objects.filter(standar__layanan__unit=unit, status__in=STATUS_PERSIAPAN).values_list(
                "standar__layanan_id", flat=True
            )
        )
        nama = [
            [layanan.nama] + [""] * komponen.JUMLAH
            for layanan in Layanan.objects.filter(unit=unit, aktif=True).order_by("nama", "pk")
            if layanan.pk not in sibuk
        ]
    from standar.contoh import isi_contoh

    contoh = isi_contoh()
    with translation.override("id"):
        petunjuk = [
            [
                _("Umum"),
                "",
                _(
                    "Satu baris per layanan. Kolom “Layanan” berisi nama "
                    "layanan unit Anda persis seperti di portal. "
                    "Jangan mengubah judul kolom. Sel kosong: komponen itu "
                    "tidak diubah (tetap kosong pada draf baru, "
                    "atau tetap seperti versi yang berlaku). Setiap baris menjadi draf baru; tidak ada yang "
                    "diterbitkan. Paling banyak %(maks)s layanan per berkas, berkas paling besar %(mb)s MB."
                )
                % {"maks": impor.MAKS_BARIS, "mb": impor.MAKS_BYTES // impor.MB},
                "",
            ],
        ]
        for k in komponen.KOMPONEN:
            petunjuk.append(
                [
                    impor.judul_kolom(k),
                    _("Huruf %(h)s, %(kelompok)s")
                    % {
                        "h": k.huruf,
                        "kelompok": _("penyampaian pelayanan")
                        if k.service_delivery
                        else _("pengelolaan internal"),
                    },
                    impor.petunjuk_kolom(k),
                    impor.teks_komponen(k, k.jenis.clean(contoh[k.kunci])),
                ]
            )
        kepala_petunjuk = [
            _("Kolom"),
            _("Komponen (UU 25/2009 Pasal 21)"),
            _("Cara mengisi sel"),
            _("Contoh"),
        ]
    return xlsx(
        [
            Tabel(impor.LEMBAR, kepala_templat(), nama, LEBAR_TEMPLAT),
            Tabel(
                "Petunjuk",
                [str(h) for h in kepala_petunjuk],
                [[str(c) for c in r] for r in petunjuk],
                [32, 30, 70, 70],
            ),
        ]
    )
