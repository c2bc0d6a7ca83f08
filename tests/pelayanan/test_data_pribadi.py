"""A citizen account's rights over its data (UU 27/2022): "Unduh data saya" gives everything
the portal holds about it; "Hapus akun saya" (password again) deletes the account, keeps the
comments under "Warga (akun dihapus)", and leaves no name or address behind."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pelayanan import data_pribadi
from pelayanan.choices import Peran
from pelayanan.models import JejakAudit, Notifikasi, Pengguna
from pelayanan.notifikasi import notify
from pengaduan.models import Pengaduan
from standar import konsultasi, services
from standar.models import DukunganKomentar, Komentar
from tests.factories import TEST_PASSWORD, LayananFactory, grant, user_factory
from tests.pengaduan.helpers import IDENTITAS
from tests.standar.helpers import buka_putaran, isi_lengkap, staf_unit

pytestmark = pytest.mark.django_db

EMAIL = "siti.warga@contoh.example"


@pytest.fixture
def dunia():
    layanan = LayananFactory()
    admin, _kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    putaran = buka_putaran(versi, admin)
    warga = user_factory(email=EMAIL, nama_lengkap="Siti Warga", email_dikonfirmasi_pada=timezone.now())
    lain = user_factory(nama_lengkap="Warga Lain", email_dikonfirmasi_pada=timezone.now())
    kk = {"putaran": putaran, "kunci": "biaya", "kategori": "masyarakat"}
    milik = konsultasi.komentar_create(penulis=warga, isi="Mohon tetap gratis.", **kk)
    punya_lain = konsultasi.komentar_create(penulis=lain, isi="Setuju dengan rancangan.", **kk)
    konsultasi.komentar_support(komentar=punya_lain, pengguna=warga)
    konsultasi.komentar_answer(komentar=milik, keputusan="diterima", alasan="Tetap gratis.", oleh=admin)
    return {
        "layanan": layanan,
        "warga": warga,
        "lain": lain,
        "milik": milik,
        "putaran": putaran,
        "admin": admin,
    }


def _ajukan_sebagai(client, layanan, user=None):
    if user is not None:
        client.force_login(user)
    url = reverse("pengaduan:ajukan") + f"?unit={layanan.unit.slug}&bagian=biaya&layanan={layanan.slug}"
    data = {
        "layanan": layanan.slug,
        "bagian": "biaya",
        "uraian": "Saya diminta membayar Rp 75.000 untuk karcis poliklinik umum.",
        "tanggal_layanan": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "permintaan": "Kelebihan bayar dikembalikan.",
        "mode_privasi": "anonim",
        "pernyataan": "on",
        **IDENTITAS,
    }
    assert client.post(url, data).status_code == 302
    return Pengaduan.objects.latest("id")


def _unduh(client) -> dict:
    r = client.post(reverse("pelayanan:unduh_data"))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/zip"
    assert r["Cache-Control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        assert sorted(z.namelist()) == ["BACA-SAYA.txt", "data-saya.json"]
        return json.loads(z.read("data-saya.json"))


class TestUnduhData:
    def test_the_copy_holds_the_accounts_data_and_nothing_of_others(self, client, dunia):
        p = _ajukan_sebagai(client, dunia["layanan"], dunia["warga"])
        notify(penerima=[dunia["warga"]], judul="Halo", pesan="Pesan untuk Siti")
        data = _unduh(client)
        assert data["profil"]["email"] == EMAIL
        assert data["profil"]["nama_lengkap"] == "Siti Warga"
        assert [k["isi"] for k in data["komentar"]] == ["Mohon tetap gratis."]
        assert data["komentar"][0]["jawaban"] == {"keputusan": "diterima", "alasan": "Tetap gratis."}
        assert [d["komentar"] for d in data["dukungan_komentar"]] == [dunia["milik"].pk + 1]
        assert [x["nomor"] for x in data["pengaduan"]] == [p.nomor]
        assert data["pengaduan"][0]["identitas"]["nik"] == IDENTITAS["nik"]
        assert data["pengaduan"][0]["kode_pelacakan"] == p.kode_tampil
        assert any(n["judul"] == "Halo" for n in data["notifikasi"])
        assert "Setuju dengan rancangan." not in json.dumps(data)  # another citizen's comment
        assert "skm" not in json.dumps(data).lower()  # survey answers are anonymous

    def test_complaints_filed_without_signing_in_are_not_linked(self, client, dunia):
        _ajukan_sebagai(client, dunia["layanan"])  # signed out
        client.force_login(dunia["warga"])
        assert _unduh(client)["pengaduan"] == []

    def test_download_is_audited_and_so_is_the_identity_read(self, client, dunia):
        p = _ajukan_sebagai(client, dunia["layanan"], dunia["warga"])
        _unduh(client)
        assert JejakAudit.objects.filter(aksi="akun.unduh_data", aktor=dunia["warga"]).count() == 1
        akses = JejakAudit.objects.get(
            aksi="pengaduan.lihat_identitas", object_id=str(p.pk), data__keperluan="ekspor_data_saya"
        )
        assert akses.aktor == dunia["warga"]

    def test_needs_login_and_a_post(self, client, dunia):
        assert client.post(reverse("pelayanan:unduh_data")).status_code == 302
        client.force_login(dunia["warga"])
        assert client.get(reverse("pelayanan:unduh_data")).status_code == 405

    def test_constant_number_of_queries(self, dunia, django_assert_max_num_queries):
        # One query per kind of data, whatever the amount (the audit entries are writes).
        for i in range(5):
            konsultasi.komentar_create(
                putaran=dunia["putaran"],
                penulis=dunia["warga"],
                kunci="biaya",
                kategori="masyarakat",
                isi=f"K{i}",
            )
        with django_assert_max_num_queries(12):
            data = data_pribadi.data_saya_kumpulkan(pengguna=dunia["warga"])
        assert len(data["komentar"]) == 6

    def test_account_page_offers_both(self, client, dunia):
        client.force_login(dunia["warga"])
        body = client.get(reverse("pelayanan:akun_saya")).content.decode()
        assert reverse("pelayanan:unduh_data") in body
        assert reverse("pelayanan:hapus_akun") in body


class TestHapusAkun:
    def _hapus(self, client, password=TEST_PASSWORD, setuju="on"):
        data = {"password": password}
        if setuju:
            data["setuju"] = setuju
        return client.post(reverse("pelayanan:hapus_akun"), data)

    def test_wrong_password_deletes_nothing(self, client, dunia):
        client.force_login(dunia["warga"])
        r = self._hapus(client, password="salah-sekali-123")
        assert r.status_code == 400
        assert "Kata sandi salah." in r.content.decode()
        assert Pengguna.objects.filter(email=EMAIL).exists()

    def test_confirmation_box_is_required(self, client, dunia):
        client.force_login(dunia["warga"])
        assert self._hapus(client, setuju=None).status_code == 400
        assert Pengguna.objects.filter(email=EMAIL).exists()

    def test_deletion_keeps_comments_anonymised_and_wipes_the_person(self, client, dunia):
        warga = dunia["warga"]
        p = _ajukan_sebagai(client, dunia["layanan"], warga)
        notify(penerima=[warga], judul="Halo", pesan="x")
        pk = warga.pk
        r = self._hapus(client)
        assert r.status_code == 302
        assert r["Location"] == reverse("pelayanan:beranda")
        assert not Pengguna.objects.filter(pk=pk).exists()
        # Comments stay, with the author anonymised, on the public round page too.
        k = Komentar.objects.get(pk=dunia["milik"].pk)
        assert (k.penulis_id, k.isi, k.nama_penulis) == (None, "Mohon tetap gratis.", "Warga (akun dihapus)")
        page = client.get(dunia["putaran"].get_absolute_url()).content.decode()
        assert "Warga (akun dihapus)" in page
        assert "Siti Warga" not in page
        # Supports and notifications go with the account; the complaint stays with the unit.
        assert not DukunganKomentar.objects.filter(pengguna_id=pk).exists()
        assert not Notifikasi.objects.filter(pengguna_id=pk).exists()
        p.refresh_from_db()
        assert p.pengaju_id is None
        # No trace of the name or the address in the audit log; the deletion itself is recorded.
        jejak = json.dumps(list(JejakAudit.objects.values("objek_repr", "data")))
        assert EMAIL not in jejak
        assert "Siti Warga" not in jejak
        entry = JejakAudit.objects.get(aksi="akun.hapus")
        assert entry.data == {"pengguna_id": pk, "komentar": 1, "pengaduan": 1}
        # Signed out.
        assert "_auth_user_id" not in client.session

    def test_staff_accounts_are_not_deleted_here(self, client, dunia):
        admin = dunia["admin"]
        client.force_login(admin)
        body = client.get(reverse("pelayanan:hapus_akun")).content.decode()
        assert "Akun petugas tidak dapat dihapus sendiri" in body
        assert self._hapus(client).status_code == 403
        assert Pengguna.objects.filter(pk=admin.pk).exists()

    def test_service_refuses_role_holders_even_without_the_page(self, dunia):
        from django.core.exceptions import ValidationError

        moderator = user_factory(nama_lengkap="Moderator")
        grant(moderator, Peran.MODERATOR)
        with pytest.raises(ValidationError, match="Akun petugas"):
            data_pribadi.akun_hapus(pengguna=moderator, password=TEST_PASSWORD)
        assert Pengguna.objects.filter(pk=moderator.pk).exists()

    def test_needs_login(self, client):
        r = client.get(reverse("pelayanan:hapus_akun"))
        assert r.status_code == 302
        assert reverse("pelayanan:login") in r["Location"]
