"""Filing a complaint without an account: the three GET steps and the POST, the unit's
published promise beside the form, the receipt, and bad input — nothing half-saved, the
form keeps what the citizen typed, files must be chosen again (and the page says so)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pelayanan.models import Notifikasi
from pengaduan.models import IdentitasPengadu, Lampiran, Pengaduan, Riwayat
from standar import komponen
from tests.pengaduan.helpers import IDENTITAS, jpeg_dengan_gps, pdf
from tests.standar.helpers import standar_terbit

pytestmark = pytest.mark.django_db

TARIF = {
    "gratis": False,
    "items": [
        {"uraian": "Karcis poliklinik umum", "jumlah": 35000, "dasar_hukum": "Perbup No. 18 Tahun 2023"},
        {"uraian": "Karcis poliklinik spesialis", "jumlah": 75000, "dasar_hukum": "Perbup No. 18 Tahun 2023"},
    ],
}


def _url(dunia, bagian="biaya", layanan=True):
    q = f"?unit={dunia.a.slug}&bagian={bagian}"
    if layanan:
        q += f"&layanan={dunia.layanan.slug}"
    return reverse("pengaduan:ajukan") + q


def _data(dunia, **ubah):
    data = {
        "layanan": dunia.layanan.slug,
        "bagian": "biaya",
        "uraian": "Saya diminta membayar Rp 75.000 untuk karcis poliklinik umum.",
        "tanggal_layanan": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "kerugian": "Rp 40.000",
        "permintaan": "Kelebihan bayar dikembalikan.",
        "mode_privasi": "anonim",
        "lapor_id": "",
        "pernyataan": "on",
        **IDENTITAS,
    }
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


def _berkas_tersimpan() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / settings.PENGADUAN_LAMPIRAN_DIR
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


class TestSteps:
    def test_step_1_chooses_the_unit(self, client, dunia):
        r = client.get(reverse("pengaduan:ajukan"))
        assert r.status_code == 200
        assert dunia.a.nama in r.content.decode()
        r = client.get(reverse("pengaduan:ajukan") + "?unit=tidak-ada")
        assert r.status_code == 200
        assert "pilihan yang valid" in r.content.decode()

    def test_inactive_unit_goes_back_to_step_1(self, client, dunia):
        dunia.a.aktif = False
        dunia.a.save()
        r = client.get(_url(dunia))
        assert "ajukan_unit.html" in [t.name.split("/")[-1] for t in r.templates]

    def test_step_2_offers_the_registry_and_two_more(self, client, dunia):
        r = client.get(reverse("pengaduan:ajukan") + f"?unit={dunia.a.slug}")
        html = r.content.decode()
        pilihan = html.split('name="bagian"')[1:]
        assert len(pilihan) == komponen.JUMLAH + 2
        for k in komponen.KOMPONEN:
            assert k.label in html
            assert k.bantuan[:40] in html
        assert "Perilaku petugas" in html
        assert "Lainnya" in html
        assert dunia.layanan.nama in html

    def test_step_2_refuses_a_service_of_another_unit(self, client, dunia):
        from tests.factories import LayananFactory

        lain = LayananFactory(unit=dunia.b)
        r = client.get(reverse("pengaduan:ajukan") + f"?unit={dunia.a.slug}&layanan={lain.slug}&bagian=biaya")
        assert "ajukan_pilih.html" in [t.name.split("/")[-1] for t in r.templates]

    def test_step_3_shows_the_published_tariff_beside_the_form(self, client, dunia):
        standar_terbit(dunia.layanan, isi={"biaya": TARIF})
        html = client.get(_url(dunia)).content.decode()
        for baris in komponen.get("biaya").jenis.lines(TARIF):
            assert baris in html
        assert "Rp 35.000" in html

    def test_step_3_without_a_published_standard_says_so(self, client, dunia):
        html = client.get(_url(dunia)).content.decode()
        assert "belum menerbitkan standar" in html


class TestFiling:
    def test_files_the_complaint_and_shows_the_receipt(
        self, client, dunia, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            r = client.post(_url(dunia), {**_data(dunia), "lampiran": [jpeg_dengan_gps(), pdf()]})
        p = Pengaduan.objects.get()
        assert r.status_code == 302
        assert r["Location"] == reverse("pengaduan:tanda_terima", args=[p.kode])
        assert (p.unit, p.layanan, p.bagian, p.mode_privasi, p.status) == (
            dunia.a,
            dunia.layanan,
            "biaya",
            "anonim",
            "diterima",
        )
        assert IdentitasPengadu.objects.get(pengaduan=p).nik == IDENTITAS["nik"]
        assert p.lampiran_set.count() == 2
        assert len(_berkas_tersimpan()) == 2
        assert Riwayat.objects.filter(pengaduan=p, jenis="diajukan").count() == 1
        # The officers of unit A and of instansi X are told; nothing of the identity in it.
        n = Notifikasi.objects.filter(judul__contains=p.nomor)
        assert {x.pengguna.email for x in n} == {
            "pengelola_pengaduan_unit@uji.example",
            "pengelola_pengaduan_instansi@uji.example",
        }
        assert all(IDENTITAS["nama"] not in x.pesan for x in n)
        # The receipt (Pasal 44(2)) in the same session: full identity, content, place and time.
        html = client.get(r["Location"]).content.decode()
        for teks in (
            IDENTITAS["nama"],
            IDENTITAS["alamat"],
            IDENTITAS["nik"],
            p.kode_tampil,
            p.nomor,
            "Rp 75.000",
            dunia.a.alamat_pengaduan,
            "Diterima melalui portal",
            "Petugas Pengaduan A",
        ):
            assert teks in html, teks

    def test_late_filing_is_accepted_and_flagged(self, client, dunia):
        tgl = (timezone.localdate() - timedelta(days=31)).isoformat()
        assert client.post(_url(dunia), _data(dunia, tanggal_layanan=tgl)).status_code == 302
        assert Pengaduan.objects.get().terlambat_diajukan

    def test_optional_lapor_id(self, client, dunia):
        client.post(_url(dunia), _data(dunia, lapor_id="LPR-2026/1234567"))
        assert Pengaduan.objects.get().lapor_id == "LPR-2026/1234567"


class TestBadInput:
    def _gagal(self, client, dunia, data, files=None, pesan=""):
        r = client.post(_url(dunia), {**data, **({"lampiran": files} if files else {})})
        html = r.content.decode()
        assert r.status_code == 400
        assert pesan in html
        # Nothing half-saved.
        assert not Pengaduan.objects.exists()
        assert not IdentitasPengadu.objects.exists()
        assert not Lampiran.objects.exists()
        assert _berkas_tersimpan() == []
        # What the citizen typed is still in the form.
        assert data["uraian"] in html
        assert IDENTITAS["alamat"] in html
        return html

    def test_service_date_in_the_future(self, client, dunia):
        besok = (timezone.localdate() + timedelta(days=1)).isoformat()
        html = self._gagal(
            client,
            dunia,
            _data(dunia, tanggal_layanan=besok),
            [jpeg_dengan_gps()],
            "tidak boleh di masa depan",
        )
        assert "lampiran perlu dipilih ulang" in html

    def test_bad_attachment(self, client, dunia):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self._gagal(
            client,
            dunia,
            _data(dunia),
            [pdf(), SimpleUploadedFile("foto.jpg", b"bukan gambar")],
            "bukan PDF atau gambar",
        )

    def test_too_many_attachments(self, client, dunia):
        self._gagal(
            client, dunia, _data(dunia), [pdf(f"{i}.pdf") for i in range(6)], "Paling banyak 5 lampiran"
        )

    def test_no_email_and_no_phone(self, client, dunia):
        self._gagal(client, dunia, _data(dunia, email="", telepon=""), pesan="Isi e-mail atau nomor telepon")

    @pytest.mark.parametrize(
        ("field", "nilai", "pesan"),
        [
            ("uraian", "x" * 5001, "paling banyak 5000"),
            ("nik", "12345", "16 angka"),
            ("telepon", "telepon saya", "nomor telepon yang sah"),
            ("email", "bukan-email", "alamat email dengan format yang benar"),
            ("mode_privasi", "terbuka", "pilihan yang valid"),
            ("lapor_id", "<script>", "Hanya huruf"),
            ("pernyataan", None, "wajib"),
            ("bagian", "tidak_ada", "Pilihan layanan atau bagian tidak sah"),
        ],
    )
    def test_field_limits(self, client, dunia, field, nilai, pesan):
        data = _data(dunia, **{field: nilai})
        r = client.post(_url(dunia), data)
        assert r.status_code == 400
        assert pesan.lower() in r.content.decode().lower()
        assert not Pengaduan.objects.exists()

    def test_another_units_service_in_the_hidden_field(self, client, dunia):
        from tests.factories import LayananFactory

        lain = LayananFactory(unit=dunia.b)
        r = client.post(_url(dunia), _data(dunia, layanan=lain.slug))
        assert r.status_code == 400
        assert not Pengaduan.objects.exists()

    def test_rate_limited_per_address(self, client, dunia, settings):
        settings.PENGADUAN_AJUKAN_BATAS = 1
        assert client.post(_url(dunia), _data(dunia)).status_code == 302
        r = client.post(_url(dunia), _data(dunia))
        assert r.status_code == 400
        assert "Terlalu banyak" in r.content.decode()
        assert Pengaduan.objects.count() == 1
