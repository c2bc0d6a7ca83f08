"""Exports (catalogue, a unit's standards, SIPPN layout) and the Excel import of existing
standards: parsers per kind, the round trip of the demo data, errors per row, hostile files,
all-or-nothing, permissions."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from pelayanan.choices import Peran
from pelayanan.models import Unit
from standar import ekspor, impor, komponen, services
from standar.contoh import isi_contoh
from standar.models import StandarPelayanan, VersiStandar
from tests.factories import LayananFactory, UnitFactory, grant, user_factory
from tests.standar.helpers import staf_unit, standar_terbit

pytestmark = pytest.mark.django_db

XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tanpa_id(x):
    if isinstance(x, dict):
        return {k: tanpa_id(v) for k, v in x.items() if k != "id"}
    if isinstance(x, list):
        return [tanpa_id(v) for v in x]
    return x


def buku(rows, header=None, judul=impor.LEMBAR) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = judul
    ws.append(header if header is not None else ekspor.kepala_templat())
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def baris(nama, **isi_teks) -> list:
    """A template row: the service name and the component cells given by key."""
    return [nama] + [isi_teks.get(k.kunci, "") for k in komponen.KOMPONEN]


def baris_lengkap(nama, **ganti) -> list:
    contoh = isi_contoh()
    teks = {k.kunci: impor.teks_komponen(k, k.jenis.clean(contoh[k.kunci])) for k in komponen.KOMPONEN}
    teks.update(ganti)
    return baris(nama, **teks)


def unggah(client, unit, data: bytes, nama="standar.xlsx"):
    berkas = io.BytesIO(data)
    berkas.name = nama
    return client.post(f"/ruang-kerja/unit/{unit.slug}/impor/", {"berkas": berkas})


def konfirmasi(client, unit, response):
    return client.post(
        f"/ruang-kerja/unit/{unit.slug}/impor/konfirmasi/", {"token": response.context["token"]}
    )


def sel_xlsx(content: bytes, sheet=None) -> list[list]:
    wb = load_workbook(io.BytesIO(content), read_only=True)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]


@pytest.fixture
def unit_admin(client):
    unit = UnitFactory(nama="Dinas Tujuan Impor", slug="dinas-tujuan-impor")
    admin, _kepala = staf_unit(unit)
    client.force_login(admin)
    return unit, admin


# --- parsers --------------------------------------------------------------------------------


@pytest.mark.parametrize("k", komponen.KOMPONEN, ids=lambda k: k.kunci)
def test_every_kind_round_trips_cell_text_and_json(k):
    isi = k.jenis.clean(isi_contoh()[k.kunci])
    teks = impor.teks_komponen(k, isi)
    kembali, catatan = impor.isi_komponen(k, teks)
    assert tanpa_id(kembali) == tanpa_id(isi)
    assert catatan == []


@pytest.mark.parametrize(
    ("kunci", "teks", "harapan"),
    [
        ("jangka_waktu", "3 hari kerja", {"jumlah": 3, "satuan": "hari_kerja"}),
        ("jangka_waktu", "120 Menit", {"jumlah": 120, "satuan": "menit"}),
        ("jangka_waktu", "14 hari kalender", {"jumlah": 14, "satuan": "hari"}),
        ("biaya", "Gratis", {"gratis": True, "items": []}),
        (
            "biaya",
            "1. Legalisir: Rp 50.000 (Perda Nomor 1 Tahun 2024)\n2. Salinan: 5,000 (Perbup 3/2023)",
            {
                "gratis": False,
                "items": [
                    {"uraian": "Legalisir", "jumlah": 50000, "dasar_hukum": "Perda Nomor 1 Tahun 2024"},
                    {"uraian": "Salinan", "jumlah": 5000, "dasar_hukum": "Perbup 3/2023"},
                ],
            },
        ),
        (
            "persyaratan",
            "- KTP-el\n• Surat pengantar RT | teknis",
            {
                "items": [
                    {"uraian": "KTP-el", "jenis": "administratif"},
                    {"uraian": "Surat pengantar RT", "jenis": "teknis"},
                ]
            },
        ),
        (
            "pengaduan",
            "WA: 0812 1\nSP4N-LAPOR!: https://www.lapor.go.id\nTata cara: Dijawab 5 hari.\nLewat loket.",
            {
                "items": [
                    {"jenis": "whatsapp", "nilai": "0812 1"},
                    {"jenis": "lapor", "nilai": "https://www.lapor.go.id"},
                ],
                "catatan": "Dijawab 5 hari.\nLewat loket.",
            },
        ),
        (
            "jumlah_pelaksana",
            "Loket: 2\nOperator: 1",
            {"jumlah": 3, "rincian": [{"peran": "Loket", "jumlah": 2}, {"peran": "Operator", "jumlah": 1}]},
        ),
        (
            "evaluasi_kinerja",
            "Rapat bulanan.\nDilakukan setiap 12 bulan.",
            {"teks": "Rapat bulanan.", "periode_bulan": 12},
        ),
    ],
)
def test_parser_reads_what_people_write(kunci, teks, harapan):
    isi, _catatan = impor.isi_komponen(komponen.get(kunci), teks)
    assert tanpa_id(isi) == harapan


def test_an_inexact_regulation_type_is_kept_with_a_note():
    isi, catatan = impor.isi_komponen(
        komponen.get("dasar_hukum"), "Peraturan Menteri Dalam Negeri Nomor 7 Tahun 2019 tentang Pelayanan"
    )
    assert tanpa_id(isi) == {
        "items": [{"jenis": "permen", "nomor": "7", "tahun": 2019, "tentang": "Pelayanan"}]
    }
    assert "Peraturan Menteri" in catatan[0]


@pytest.mark.parametrize(
    ("kunci", "teks", "pesan"),
    [
        ("jangka_waktu", "tiga hari", "tulis angka dan satuannya"),
        ("biaya", "Legalisir: -5000 (Perda 1/2024)", "harus lebih dari 0"),
        ("biaya", "Legalisir: 5000", "dasar penetapan"),
        ("biaya", "Legalisir: 50,5 (Perda)", "bilangan bulat"),
        ("pengaduan", "Faks: 0271", "Kanal 1"),
        ("evaluasi_kinerja", "Rapat.\nPeriode evaluasi: 5 bulan", "Periode evaluasi"),
        ("jumlah_pelaksana", "6 orang\nLoket: 2", "harus sama"),
        ("prosedur", "Hanya satu bagian", "pelaksana | kegiatan"),
        ("persyaratan", "KTP | rahasia", "tidak dikenal"),
    ],
)
def test_parser_errors_say_what_to_write(kunci, teks, pesan):
    with pytest.raises(impor.SelTidakSah) as exc:
        impor.isi_komponen(komponen.get(kunci), teks)
    assert pesan in " ".join(exc.value.messages)


# --- exports --------------------------------------------------------------------------------


@pytest.fixture
def demo_lengkap(db):
    call_command("demo_data", stdout=io.StringIO())


def test_public_exports_of_the_catalogue(client, demo_lengkap):
    response = client.get("/unduh/katalog.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="katalog-layanan-' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffInstansi,Unit penyelenggara,Layanan,Status standar")
    assert "Penerbitan Akta Kelahiran" in text
    assert "470/031/Disdukcapil/2026" in text
    rows = sel_xlsx(client.get("/unduh/katalog.xlsx?instansi=kota-mekarsari").content)
    assert rows[0][:3] == ["Instansi", "Unit penyelenggara", "Layanan"]
    assert {r[0] for r in rows[1:]} == {"Pemerintah Kota Mekarsari"}
    assert client.get("/unduh/katalog.pdf").status_code == 404


def test_unit_standards_export_in_the_template_layout_only_standards_in_force(client, demo_lengkap):
    rows = sel_xlsx(client.get("/unduh/unit/disdukcapil-sukamaju/standar.xlsx").content)
    assert rows[0][: 1 + komponen.JUMLAH] == ekspor.kepala_templat()
    assert rows[0][1 + komponen.JUMLAH :] == ["Versi", "Nomor SK", "Tanggal SK", "Berlaku mulai", "Tautan"]
    # Only the akta kelahiran is published; the KK and KTP drafts are not exported.
    assert [r[0] for r in rows[1:]] == ["Penerbitan Akta Kelahiran"]
    assert rows[1][1 + komponen.JUMLAH : 1 + komponen.JUMLAH + 2] == [2, "470/031/Disdukcapil/2026"]
    csv_text = client.get("/unduh/unit/disdukcapil-sukamaju/standar.csv").content.decode("utf-8")
    assert "3 hari kerja" in csv_text


def test_sippn_export_has_the_six_service_delivery_components_as_plain_text(client, demo_lengkap):
    response = client.get("/unduh/unit/dpmptsp-sukamaju/sippn.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CT
    rows = sel_xlsx(response.content)
    assert rows[0] == ["Nama Layanan"] + [k.label_id for k in komponen.service_delivery()]
    assert len(rows[0]) == 7
    pbg = next(r for r in rows if r[0] == "Persetujuan Bangunan Gedung")
    assert pbg[3] == "28 hari kerja"
    assert "Rp 10.000" in pbg[4]
    assert "Perda Kab. Sukamaju No. 1 Tahun 2024" in pbg[4]
    assert client.get("/unduh/unit/tidak-ada/sippn.xlsx").status_code == 404


def test_exported_text_cannot_become_a_formula(client):
    rumus = '=HYPERLINK("http://jahat.example","klik")'
    versi, _admin, _kepala = standar_terbit(isi={"produk": {"items": [{"uraian": rumus}]}})
    unit = versi.standar.layanan.unit
    csv_text = client.get(f"/unduh/unit/{unit.slug}/sippn.csv").content.decode("utf-8")
    assert "'1. " + rumus not in csv_text  # lines are numbered, the cell starts with "1."
    csv_std = client.get(f"/unduh/unit/{unit.slug}/standar.csv").content.decode("utf-8")
    assert f"'{rumus}" in csv_std.replace('""', '"')
    wb = load_workbook(io.BytesIO(client.get(f"/unduh/unit/{unit.slug}/standar.xlsx").content))
    sel = wb.active.cell(row=2, column=1 + komponen.get("produk").urutan)
    assert sel.value == rumus
    assert sel.data_type == "s"


# --- round trip ---------------------------------------------------------------------------


def _isi_versi(versi) -> dict:
    return {r.kunci: tanpa_id(r.isi) for r in versi.komponen_set.all()}


def _unit_tujuan(client, sumber: Unit, nama_layanan: list[str]) -> tuple[Unit, object]:
    tujuan = UnitFactory(
        instansi=sumber.instansi, nama="Disdukcapil Kabupaten Tetangga", slug="disdukcapil-tetangga"
    )
    for nama in nama_layanan:
        LayananFactory(unit=tujuan, nama=nama)
    admin = user_factory(email="admin.tetangga@uji.example", nama_lengkap="Admin Tetangga")
    grant(admin, Peran.ADMIN_UNIT, unit=tujuan)
    client.force_login(admin)
    return tujuan, admin


def test_export_then_import_into_another_unit_gives_the_same_standards(client, demo_lengkap):
    sumber = Unit.objects.get(slug="disdukcapil-sukamaju")
    exported = client.get(f"/unduh/unit/{sumber.slug}/standar.xlsx").content
    names = [r[0] for r in sel_xlsx(exported)[1:]]
    assert names
    tujuan, _admin = _unit_tujuan(client, sumber, names)

    preview = unggah(client, tujuan, exported)
    assert preview.status_code == 200, preview.context["hasil"].galat_berkas
    hasil = preview.context["hasil"]
    assert hasil.siap
    assert [b.nama_layanan for b in hasil.baris] == names
    assert set(hasil.kolom_diabaikan) == {"Versi", "Nomor SK", "Tanggal SK", "Berlaku mulai", "Tautan"}
    assert VersiStandar.objects.filter(standar__layanan__unit=tujuan).count() == 0  # nothing saved yet

    done = konfirmasi(client, tujuan, preview)
    assert done.status_code == 302
    assert done["Location"] == f"/ruang-kerja/unit/{tujuan.slug}/standar/"
    for nama in names:
        src = VersiStandar.objects.get(
            standar__layanan__unit=sumber, standar__layanan__nama=nama, status="terbit"
        )
        dst = VersiStandar.objects.get(standar__layanan__unit=tujuan, standar__layanan__nama=nama)
        assert dst.status == "draf"
        assert dst.nomor == 1
        assert _isi_versi(dst) == _isi_versi(src)
        assert services.kelengkapan(dst).selesai


def test_the_downloaded_template_filled_with_the_demo_data_round_trips(client, demo_lengkap):
    sumber = Unit.objects.get(slug="disdukcapil-sukamaju")
    src = VersiStandar.objects.get(standar__layanan__unit=sumber, status="terbit")
    nama = src.standar.layanan.nama
    tujuan, _admin = _unit_tujuan(client, sumber, [nama, "Layanan Lain Tanpa Isi"])

    templat = client.get(f"/ruang-kerja/unit/{tujuan.slug}/impor/templat.xlsx")
    assert templat.status_code == 200
    assert templat["Content-Type"] == XLSX_CT
    wb = load_workbook(io.BytesIO(templat.content))
    assert wb.sheetnames == ["Standar", "Petunjuk"]
    ws = wb["Standar"]
    assert [c.value for c in ws[1]] == ekspor.kepala_templat()
    assert sorted(ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)) == sorted(
        [nama, "Layanan Lain Tanpa Isi"]
    )
    petunjuk = [[c.value for c in row] for row in wb["Petunjuk"].iter_rows()]
    assert [r[0] for r in petunjuk[2:]] == [k.label_id for k in komponen.KOMPONEN]
    # Fill the row of the service with the demo standard's content, as a person would.
    isi = {r.kunci: r.isi for r in src.komponen_set.all()}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == nama)
    for k in komponen.KOMPONEN:
        ws.cell(row=row, column=1 + k.urutan, value=impor.teks_komponen(k, isi[k.kunci]))
    other = next(r for r in range(2, ws.max_row + 1) if r != row)
    ws.delete_rows(other)
    out = io.BytesIO()
    wb.save(out)

    preview = unggah(client, tujuan, out.getvalue())
    assert preview.status_code == 200
    assert preview.context["hasil"].siap
    konfirmasi(client, tujuan, preview)
    dst = VersiStandar.objects.get(standar__layanan__unit=tujuan)
    assert _isi_versi(dst) == _isi_versi(src)


# --- errors per row, hostile files --------------------------------------------------------


def test_errors_are_shown_per_row_with_the_column_and_nothing_is_saved(client, unit_admin):
    unit, _admin = unit_admin
    LayananFactory(unit=unit, nama="Izin Usaha Uji")
    LayananFactory(unit=unit, nama="Izin Reklame Uji")
    data = buku(
        [
            baris_lengkap("Layanan Yang Tidak Ada"),
            baris_lengkap("Izin Usaha Uji", jangka_waktu="tiga hari"),
            baris_lengkap("izin  reklame UJI", biaya="Retribusi: -5000 (Perda Nomor 1 Tahun 2024)"),
        ]
    )
    response = unggah(client, unit, data)
    assert response.status_code == 400
    hasil = response.context["hasil"]
    assert not hasil.siap
    assert hasil.jumlah_galat == 3
    b1, b2, b3 = hasil.baris
    assert (b1.nomor, b2.nomor, b3.nomor) == (2, 3, 4)
    assert "tidak ada (atau tidak aktif) di unit ini" in b1.semua_galat[0]
    assert b2.semua_galat == [
        "Jangka waktu penyelesaian (D): “tiga hari” tidak terbaca; tulis angka dan satuannya, "
        "misalnya “3 hari kerja” (satuan: menit, jam, hari kerja, hari)."
    ]
    assert b3.layanan.nama == "Izin Reklame Uji"  # matched ignoring case and spaces
    assert b3.semua_galat[0].startswith("Biaya/tarif (E): Tarif 1: jumlah harus lebih dari 0")
    html = response.content.decode()
    assert "Jangka waktu penyelesaian (D)" in html
    assert "Simpan" not in re.sub(r"<title>.*?</title>", "", html)
    assert StandarPelayanan.objects.filter(layanan__unit=unit).count() == 0
    # A confirmation without a valid preview saves nothing either.
    client.post(f"/ruang-kerja/unit/{unit.slug}/impor/konfirmasi/", {"token": "0" * 32})
    assert StandarPelayanan.objects.filter(layanan__unit=unit).count() == 0


def test_missing_required_columns_are_named(client, unit_admin):
    unit, _admin = unit_admin
    header = [h for h in ekspor.kepala_templat() if h not in ("Biaya/tarif", "Dasar hukum")]
    response = unggah(client, unit, buku([["X"] * len(header)], header=header))
    assert response.status_code == 400
    [pesan] = response.context["hasil"].galat_berkas
    assert "Kolom wajib tidak ada" in pesan
    assert "“Biaya/tarif”" in pesan
    assert "“Dasar hukum”" in pesan


def test_a_service_with_a_version_in_preparation_is_a_row_error(client, unit_admin):
    unit, admin = unit_admin
    layanan = LayananFactory(unit=unit, nama="Layanan Sedang Disusun")
    services.versi_draft_create(layanan=layanan, oleh=admin)
    response = unggah(client, unit, buku([baris_lengkap(layanan.nama)]))
    assert response.status_code == 400
    assert "sudah memiliki versi 1 yang sedang disusun" in response.context["hasil"].baris[0].semua_galat[0]


def test_duplicate_rows_and_empty_rows(client, unit_admin):
    unit, _admin = unit_admin
    LayananFactory(unit=unit, nama="Layanan Ganda")
    data = buku(
        [baris_lengkap("Layanan Ganda"), [None] * 15, baris_lengkap("Layanan Ganda"), baris("Layanan Ganda")]
    )
    hasil = unggah(client, unit, data).context["hasil"]
    assert [b.nomor for b in hasil.baris] == [2, 4, 5]  # the empty row 3 is skipped
    assert hasil.baris[0].semua_galat == []
    assert "sudah ada di baris 2" in hasil.baris[1].semua_galat[0]
    assert "tidak berisi komponen apa pun" in " ".join(hasil.baris[2].semua_galat)


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _ganti_anggota(xlsx: bytes, name: str, data: bytes) -> bytes:
    members = {}
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        for info in zf.infolist():
            members[info.filename] = zf.read(info)
    members[name] = data
    return _zip(members)


@pytest.mark.parametrize(
    ("nama", "buat", "pesan"),
    [
        ("teks", lambda: b"Layanan;Persyaratan\nAkta;KTP\n", "bukan buku kerja Excel .xlsx"),
        ("kosong", lambda: b"", "Berkas kosong"),
        (
            "docx",
            lambda: _zip({"[Content_Types].xml": b"<Types>wordprocessingml</Types>", "a": b"x"}),
            "bukan buku kerja",
        ),
        ("zip-rusak", lambda: b"PK\x03\x04" + b"\x00" * 200, "bukan buku kerja"),
        (
            "bom-zip",
            lambda: _ganti_anggota(buku([]), "xl/worksheets/sheet1.xml", b" " * (25 * 1024 * 1024)),
            "terlalu besar setelah diekstrak",
        ),
        (
            "rasio",
            lambda: _ganti_anggota(buku([]), "xl/media/a.bin", b"\x00" * (15 * 1024 * 1024)),
            "dimampatkan secara tidak wajar",
        ),
        (
            "xml-rusak",
            lambda: _ganti_anggota(buku([]), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row"),
            "tidak dapat dibaca",
        ),
    ],
)
def test_hostile_or_broken_files_get_a_clear_error_not_a_crash(client, unit_admin, nama, buat, pesan):
    unit, _admin = unit_admin
    response = unggah(client, unit, buat(), nama=f"{nama}.xlsx")
    assert response.status_code == 400
    galat = response.context["hasil"].galat_berkas if response.context.get("hasil") else []
    assert pesan in " ".join(galat) or pesan in response.content.decode()


def _dimensi_raksasa() -> bytes:
    data = buku([baris("Satu")])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    sheet = re.sub(rb'<dimension ref="[^"]+"\s*/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
    assert b"XFD1048576" in sheet
    return _ganti_anggota(data, "xl/worksheets/sheet1.xml", sheet)


def test_a_sheet_declaring_a_huge_dimension_is_refused_at_once(client, unit_admin):
    unit, _admin = unit_admin
    response = unggah(client, unit, _dimensi_raksasa())
    assert response.status_code == 400
    assert "terlalu besar (1.048.576 baris)" in response.context["hasil"].galat_berkas[0]


def test_too_many_rows_and_too_long_cells(client, unit_admin, monkeypatch):
    unit, _admin = unit_admin
    rows = [baris(f"Layanan {n}", pengawasan="x") for n in range(impor.MAKS_BARIS + 5)]
    response = unggah(client, unit, buku(rows))
    assert "Terlalu banyak baris" in response.context["hasil"].galat_berkas[0]
    LayananFactory(unit=unit, nama="Layanan Panjang")
    # Excel itself stops at 32,767 characters; a smaller cap shows the check.
    monkeypatch.setattr(impor, "MAKS_SEL", 100)
    response = unggah(client, unit, buku([baris("Layanan Panjang", pengawasan="x" * 101)]))
    assert "teks terlalu panjang" in response.context["hasil"].baris[0].semua_galat[0]
    # The kind's own limit still applies below the cap.
    monkeypatch.setattr(impor, "MAKS_SEL", 32_767)
    response = unggah(client, unit, buku([baris("Layanan Panjang", pengawasan="x" * 10_001)]))
    assert "paling banyak 10000 karakter" in response.context["hasil"].baris[0].semua_galat[0]


def test_file_over_the_size_limit_is_refused_before_reading(client, unit_admin):
    unit, _admin = unit_admin
    response = unggah(client, unit, b"PK\x03\x04" + b"0" * impor.MAKS_BYTES)
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()


# --- all or nothing, confirmation, cancel -------------------------------------------------


def test_all_or_nothing_when_a_row_fails_at_confirmation(client, unit_admin):
    unit, admin = unit_admin
    a = LayananFactory(unit=unit, nama="Layanan A")
    b = LayananFactory(unit=unit, nama="Layanan B")
    preview = unggah(client, unit, buku([baris_lengkap("Layanan A"), baris_lengkap("Layanan B")]))
    assert preview.context["hasil"].siap
    # Between preview and confirmation a colleague starts a draft of B.
    services.versi_draft_create(layanan=b, oleh=admin)
    response = konfirmasi(client, unit, preview)
    assert response.status_code == 409
    assert "tidak ada yang disimpan" in response.content.decode().casefold()
    assert not StandarPelayanan.objects.filter(layanan=a).exists()
    assert VersiStandar.objects.filter(standar__layanan__unit=unit).count() == 1  # only the colleague's


def test_simpan_rolls_back_every_draft_when_a_service_refuses(unit_admin, monkeypatch):
    unit, admin = unit_admin
    LayananFactory(unit=unit, nama="Layanan A")
    LayananFactory(unit=unit, nama="Layanan B")
    data = buku([baris_lengkap("Layanan A"), baris_lengkap("Layanan B")])
    asli = services.versi_draft_create

    def gagal_kedua(*, layanan, oleh):
        if layanan.nama == "Layanan B":
            from django.core.exceptions import ValidationError

            raise ValidationError("Ditolak layanan.")
        return asli(layanan=layanan, oleh=oleh)

    monkeypatch.setattr(services, "versi_draft_create", gagal_kedua)
    with pytest.raises(impor.ImporDitolak) as exc:
        impor.simpan(unit=unit, data=data, oleh=admin)
    assert "baris 3" in exc.value.messages[0]
    assert not VersiStandar.objects.filter(standar__layanan__unit=unit).exists()
    assert not StandarPelayanan.objects.filter(layanan__unit=unit).exists()


def test_cancel_forgets_the_file_and_a_stale_token_is_refused(client, unit_admin, settings):
    unit, _admin = unit_admin
    LayananFactory(unit=unit, nama="Layanan A")
    preview = unggah(client, unit, buku([baris_lengkap("Layanan A")]))
    token = preview.context["token"]
    path = settings.MEDIA_ROOT / impor.SIMPAN_DI / f"{token}.xlsx"
    assert path.exists()
    response = client.post(f"/ruang-kerja/unit/{unit.slug}/impor/konfirmasi/", {"token": token, "batal": "1"})
    assert response.status_code == 302
    assert not path.exists()
    response = client.post(f"/ruang-kerja/unit/{unit.slug}/impor/konfirmasi/", {"token": token}, follow=True)
    assert "sudah tidak berlaku" in response.content.decode()
    assert not StandarPelayanan.objects.filter(layanan__unit=unit).exists()


def test_importing_over_a_published_standard_keeps_empty_cells_as_they_were(client):
    versi, admin, _kepala = standar_terbit()
    layanan = versi.standar.layanan
    client.force_login(admin)
    preview = unggah(client, layanan.unit, buku([baris(layanan.nama, jangka_waktu="1 hari kerja")]))
    assert preview.context["hasil"].baris[0].menyalin_versi == 1
    konfirmasi(client, layanan.unit, preview)
    draf = VersiStandar.objects.get(standar__layanan=layanan, status="draf")
    assert draf.nomor == 2
    assert draf.revisi_dari == versi
    isi = {r.kunci: r.isi for r in draf.komponen_set.all()}
    assert isi["jangka_waktu"] == {"jumlah": 1, "satuan": "hari_kerja"}
    assert isi["persyaratan"] == {r.kunci: r.isi for r in versi.komponen_set.all()}["persyaratan"]


# --- permissions ----------------------------------------------------------------------------


def test_only_the_units_admin_may_import(client):
    unit = UnitFactory()
    admin, kepala = staf_unit(unit)
    lain = UnitFactory()
    admin_lain, _k = staf_unit(lain)
    urls = [f"/ruang-kerja/unit/{unit.slug}/impor/", f"/ruang-kerja/unit/{unit.slug}/impor/templat.xlsx"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    for user, status in [(admin_lain, 403), (kepala, 403), (user_factory(), 403), (admin, 200)]:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == status, (user, url)
    client.force_login(admin_lain)
    data = buku([baris_lengkap("X")])
    assert unggah(client, unit, data).status_code == 403
    assert client.post(f"/ruang-kerja/unit/{unit.slug}/impor/konfirmasi/", {"token": "x"}).status_code == 403


def test_exports_of_published_standards_are_public(client):
    versi, _admin, _kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    for url in [
        "/unduh/katalog.csv",
        "/unduh/katalog.xlsx",
        f"/unduh/unit/{unit.slug}/standar.csv",
        f"/unduh/unit/{unit.slug}/standar.xlsx",
        f"/unduh/unit/{unit.slug}/sippn.csv",
        f"/unduh/unit/{unit.slug}/sippn.xlsx",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=300"
    assert client.post("/unduh/katalog.csv").status_code == 405
    Unit.objects.filter(pk=unit.pk).update(aktif=False)
    assert client.get(f"/unduh/unit/{unit.slug}/standar.csv").status_code == 404


def test_staff_page_links_to_exports_and_import(client):
    versi, admin, kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    client.force_login(admin)
    html = client.get(f"/ruang-kerja/unit/{unit.slug}/standar/").content.decode()
    assert f"/unduh/unit/{unit.slug}/standar.xlsx" in html
    assert f"/ruang-kerja/unit/{unit.slug}/impor/" in html
    client.force_login(kepala)
    html = client.get(f"/ruang-kerja/unit/{unit.slug}/standar/").content.decode()
    assert f"/unduh/unit/{unit.slug}/sippn.xlsx" in html
    assert "/impor/" not in html


def test_catalogue_page_links_to_its_downloads_with_the_filters(client):
    standar_terbit()
    html = client.get("/layanan/?q=uji").content.decode()
    assert "/unduh/katalog.csv?q=uji" in html
    assert "/unduh/katalog.xlsx?q=uji" in html


def test_the_import_page_explains_and_links_the_template(client, unit_admin):
    unit, _admin = unit_admin
    html = client.get(f"/ruang-kerja/unit/{unit.slug}/impor/").content.decode()
    assert f"/ruang-kerja/unit/{unit.slug}/impor/templat.xlsx" in html
    assert 'enctype="multipart/form-data"' in html
