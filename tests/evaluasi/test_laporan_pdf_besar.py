"""A report of many units: the PDF gives the compliance rules as one table of scores instead of
every unit's rules with their evidence (kompilasi.RINCIAN_PDF_MAKS_UNIT; the full detail made
a 450-page PDF for 500 units, see docs/evaluasi-kinerja.md). The evidence stays in the XLSX."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from evaluasi import kompilasi
from evaluasi.choices import StatusLaporan, SumberLaporan
from pelayanan import pdf
from tests.evaluasi.laporan_helpers import JENIS, KE, TAHUN, dunia_laporan, kepatuhan_tetap


def _unit(uid: int, peringkat: int, rincian: list[dict]) -> dict:
    return {"id": uid, "nama": f"Unit {uid}", "peringkat": peringkat, "kepatuhan": {"rincian": rincian}}


def _aturan(kode: str, persen: str | None, *, berlaku: bool = True) -> dict:
    return {"kode": kode, "nama": f"Aturan {kode}", "bobot": "10.00", "persen": persen, "berlaku": berlaku}


def test_the_table_has_one_column_per_rule_and_whole_percentages_half_up():
    urut = [
        _unit(7, 1, [_aturan("a", "66.50"), _aturan("b", "100.00")]),
        # A rule that does not apply, and one the unit's snapshot lacks: no score, not zero.
        _unit(3, 2, [_aturan("a", "0.00"), _aturan("c", "33.33"), _aturan("b", "100.00", berlaku=False)]),
        _unit(5, 3, []),
    ]
    aturan, baris = kompilasi.matriks_kepatuhan(urut)
    assert [(a["nomor"], a["kode"]) for a in aturan] == [(1, "a"), (2, "b"), (3, "c")]
    assert [b["unit"]["id"] for b in baris] == [7, 3, 5]
    assert baris[0]["skor"] == [Decimal("67"), Decimal("100"), None]
    assert baris[1]["skor"] == [Decimal("0"), None, Decimal("33")]
    assert baris[2]["skor"] == [None, None, None]


@pytest.mark.django_db
def test_above_the_limit_the_pdf_has_the_score_table_and_the_xlsx_the_evidence(
    monkeypatch, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    dunia = dunia_laporan()
    skor = {dunia.a.pk: ("87.50", "hijau"), dunia.b.pk: ("40.00", "merah"), dunia.c.pk: ("0.00", "merah")}
    monkeypatch.setattr(kompilasi, "kepatuhan_per_unit", kepatuhan_tetap(skor))
    monkeypatch.setattr(kompilasi, "RINCIAN_PDF_MAKS_UNIT", 1)  # the report covers 2 active units
    with django_capture_on_commit_callbacks(execute=True):
        laporan, _baru = kompilasi.laporan_minta(
            instansi=dunia.x,
            jenis=JENIS,
            tahun=TAHUN,
            ke=KE,
            oleh=dunia["penanggung_jawab"],
            sumber=SumberLaporan.TOMBOL,
        )
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.SELESAI
    assert len(laporan.snapshot["unit"]) == 2

    with default_storage.open(laporan.berkas_pdf.name, "rb") as fh:
        teks = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)
    assert "Laporan ini mencakup 2 unit" in teks
    assert "Standar pelayanan terbit" in teks  # the rule, in the legend
    assert "Bukti uji." not in teks  # the evidence is not repeated per unit
    # A's row of the table: rank, name, the rule's score as a whole percentage (half up), index.
    assert re.search(r"1\s*Dinas A\s*88\s*87,50", teks), teks[-600:]

    with default_storage.open(laporan.berkas_xlsx.name, "rb") as fh:
        kepatuhan = list(
            load_workbook(io.BytesIO(fh.read()), read_only=True)["Kepatuhan"].iter_rows(values_only=True)
        )
    assert sum(1 for row in kepatuhan[1:] if row[7] == "Bukti uji.") == 2

    # At or under the limit: every unit's rules with their evidence, no score table.
    monkeypatch.setattr(kompilasi, "RINCIAN_PDF_MAKS_UNIT", 2)
    html = pdf.render_html("pdf/laporan_evaluasi.html", kompilasi.konteks(laporan.snapshot))
    assert html.count('class="tabel rincian"') == 2
    assert html.count("Bukti uji.") == 2
    assert "tabel matriks" not in html
