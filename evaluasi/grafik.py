"""Charts as server-side SVG, for the dashboard and the report PDF alike.

No JavaScript and nothing vendored: the SVG is plain markup with a <title> and an
aria-label, and every chart is shown next to a table of the same figures (the table is the
accessible version; the chart is decoration with role="img"). Colours come from CSS classes
in the page (static/css/evaluasi.css) and fall back to fill attributes in the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Angka = int | float | Decimal | None

WARNA_ZONA = {"hijau": "#1e7b34", "kuning": "#b58100", "merah": "#b02a37"}
WARNA_DEFAULT = "#0d5ea6"


@dataclass(frozen=True)
class Batang:
    label: str
    nilai: Angka
    warna: str = WARNA_DEFAULT


def _fmt(nilai: Angka) -> str:
    if nilai is None:
        return "–"
    if isinstance(nilai, int):
        return str(nilai)
    return f"{Decimal(str(nilai)):.2f}".replace(".", ",")


def batang(data: list[Batang], *, maks: float, judul: str, lebar: int = 640) -> SafeString:
    """A horizontal bar chart: one row per item, value printed at the bar's end."""
    tinggi_baris, kiri, kanan = 22, 190, 60
    tinggi = tinggi_baris * len(data) + 10
    area = lebar - kiri - kanan
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img" width="{lebar}" '
        f'height="{tinggi}" viewBox="0 0 {lebar} {tinggi}" aria-label="{escape(judul)}">',
        f"<title>{escape(judul)}</title>",
    ]
    for i, b in enumerate(data):
        y = 5 + i * tinggi_baris
        panjang = 0 if b.nilai is None or not maks else max(0.0, min(1.0, float(b.nilai) / maks)) * area
        label = b.label if len(b.label) <= 30 else b.label[:29] + "…"
        bagian.append(
            f'<text x="{kiri - 6}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'font-family="DejaVu Sans, sans-serif" fill="#212529">{escape(label)}</text>'
            f'<rect x="{kiri}" y="{y + 3}" width="{panjang:.1f}" height="{tinggi_baris - 6}" '
            f'fill="{escape(b.warna)}" rx="2"/>'
            f'<text x="{kiri + panjang + 4:.1f}" y="{y + 15}" font-size="12" '
            f'font-family="DejaVu Sans, sans-serif" fill="#212529">{_fmt(b.nilai)}</text>'
        )
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # every text is escaped above  # nosec B308, B703


def garis(titik: list[tuple[str, Angka]], *, minimum: float, maksimum: float, judul: str,
          lebar: int = 640, tinggi: int = 220) -> SafeString:  # fmt: skip
    """A line chart of one series over labelled points (gaps where a value is None)."""
    kiri, kanan, atas, bawah = 44, 16, 12, 34
    area_x, area_y = lebar - kiri - kanan, tinggi - atas - bawah
    rentang = (maksimum - minimum) or 1
    n = max(len(titik), 1)

    def x(i: int) -> float:
        return kiri + (area_x * (i + 0.5) / n)

    def y(v: Angka) -> float:
        return atas + area_y * (1 - (float(v) - minimum) / rentang)

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img" width="{lebar}" '
        f'height="{tinggi}" viewBox="0 0 {lebar} {tinggi}" aria-label="{escape(judul)}">',
        f"<title>{escape(judul)}</title>",
    ]
    for garis_bantu in (minimum, (minimum + maksimum) / 2, maksimum):
        gy = y(garis_bantu)
        bagian.append(
            f'<line x1="{kiri}" y1="{gy:.1f}" x2="{lebar - kanan}" y2="{gy:.1f}" stroke="#dee2e6"/>'
            f'<text x="{kiri - 4}" y="{gy + 4:.1f}" text-anchor="end" font-size="11" '
            f'font-family="DejaVu Sans, sans-serif" fill="#495057">{_fmt(Decimal(str(garis_bantu)))}</text>'
        )
    ruas: list[list[str]] = [[]]
    for i, (label, v) in enumerate(titik):
        bagian.append(
            f'<text x="{x(i):.1f}" y="{tinggi - 12}" text-anchor="middle" font-size="11" '
            f'font-family="DejaVu Sans, sans-serif" fill="#495057">{escape(label)}</text>'
        )
        if v is None:
            ruas.append([])
            continue
        ruas[-1].append(f"{x(i):.1f},{y(v):.1f}")
        bagian.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{WARNA_DEFAULT}"/>')
    for r in ruas:
        if len(r) > 1:
            bagian.append(
                f'<polyline points="{" ".join(r)}" fill="none" stroke="{WARNA_DEFAULT}" stroke-width="2"/>'
            )
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # every text is escaped above  # nosec B308, B703
