"""Two staff saving the same object never silently overwrite each other: each staff form
carries the fingerprint of what its page showed; a save on a changed object is refused with
the input kept, and a second, deliberate save goes through. One test per form: unit profile,
service, complaint step, complaint assignment, the unit's complaint promises. (Standard
components have their own revision check: standar.services.StaleEdit, tested in
tests/standar.)"""

import re

import pytest
from django.urls import reverse

from pelayanan import konkurensi, organisasi
from pelayanan.choices import Peran
from pelayanan.models import JejakAudit
from pengaduan import services as pengaduan_services
from pengaduan.models import Pengaduan, PengaturanPengaduanUnit
from tests.factories import LayananFactory, UnitFactory, grant, user_factory
from tests.pengaduan.helpers import Dunia, ajukan, sampai

pytestmark = pytest.mark.django_db

PESAN = "telah diubah oleh petugas lain sejak halaman ini Anda buka"


@pytest.fixture
def dunia(db):
    return Dunia()


def dasar_dari(response) -> str:
    m = re.search(r'name="dasar" value="([0-9a-f]*)"', response.content.decode())
    assert m, "the form carries no fingerprint"
    return m.group(1)


def dua_admin(unit):
    a, b = user_factory(nama_lengkap="Admin A"), user_factory(nama_lengkap="Admin B")
    for u in (a, b):
        grant(u, Peran.ADMIN_UNIT, unit=unit)
    return a, b


class TestUnitProfile:
    def _post(self, unit, dasar, **ubah):
        data = {f: getattr(unit, f) for f in organisasi.FIELDS_PROFIL} | {
            "kanal_pengaduan-TOTAL_FORMS": "0",
            "kanal_pengaduan-INITIAL_FORMS": "0",
            konkurensi.DASAR: dasar,
        }
        data.update(ubah)
        return data

    def test_second_save_on_a_stale_page_is_refused_then_deliberate(self, client):
        unit = UnitFactory()
        a, b = dua_admin(unit)
        url = reverse("pelayanan:unit_ubah", kwargs={"slug": unit.slug})
        client.force_login(a)
        dasar_a = dasar_dari(client.get(url))
        client.force_login(b)
        dasar_b = dasar_dari(client.get(url))
        assert dasar_a == dasar_b
        # A saves first.
        client.force_login(a)
        assert (
            client.post(url, self._post(unit, dasar_a, jam_layanan="Senin–Sabtu 07.30–12.00")).status_code
            == 302
        )
        # B, on the page opened before, would overwrite A's hours: refused, input kept.
        client.force_login(b)
        r = client.post(url, self._post(unit, dasar_b, alamat="Jl. Baru No. 2"))
        assert r.status_code == 409
        body = r.content.decode()
        assert PESAN in body
        assert 'value="Jl. Baru No. 2"' in body
        unit.refresh_from_db()
        assert (unit.jam_layanan, unit.alamat) == ("Senin–Sabtu 07.30–12.00", "Jl. Uji No. 1")
        assert JejakAudit.objects.filter(aksi="unit.ubah_profil").count() == 1
        # Saving again from that page (it now carries the new fingerprint) is deliberate.
        r = client.post(url, self._post(unit, dasar_dari(r), alamat="Jl. Baru No. 2"))
        assert r.status_code == 302
        unit.refresh_from_db()
        assert unit.alamat == "Jl. Baru No. 2"

    def test_a_changed_complaint_channel_counts_as_a_change(self):
        unit = UnitFactory()
        before = organisasi.sidik_unit(unit.pk)
        unit.kanal_pengaduan.create(jenis="whatsapp", nilai="0812 0000 1111", urutan=1)
        assert organisasi.sidik_unit(unit.pk) != before


class TestLayanan:
    def test_stale_service_edit_is_refused(self, client):
        layanan = LayananFactory(nama="Akta Kelahiran")
        a, b = dua_admin(layanan.unit)
        url = reverse("pelayanan:layanan_ubah", kwargs={"slug": layanan.unit.slug, "pk": layanan.pk})
        client.force_login(b)
        dasar_b = dasar_dari(client.get(url))
        client.force_login(a)
        r = client.post(url, {"nama": "Akta Kelahiran Anak", "uraian": "", "aktif": "on", "dasar": dasar_b})
        assert r.status_code == 302
        client.force_login(b)
        r = client.post(url, {"nama": "Akta Lahir", "uraian": "x", "aktif": "on", "dasar": dasar_b})
        assert r.status_code == 409
        assert PESAN in r.content.decode()
        layanan.refresh_from_db()
        assert layanan.nama == "Akta Kelahiran Anak"


class TestPengaduan:
    def test_a_step_on_a_stale_page_is_refused(self, client, dunia):
        p = sampai(ajukan(dunia.a), "lengkap", dunia.petugas)
        url_detail = reverse("pengaduan:staf_detail", args=[p.pk])
        client.force_login(dunia["kepala_unit"])
        dasar_kepala = dasar_dari(client.get(url_detail))
        # Meanwhile the officer takes the next step.
        pengaduan_services.pengaduan_transisi(pengaduan=p, nama="tindak_lanjuti", oleh=dunia.petugas)
        # The head, on the page that showed "lengkap", would decide without seeing it.
        url = reverse("pengaduan:staf_langkah", args=[p.pk, "putuskan"])
        data = {"hasil": "selesai", "teks": "Kelebihan bayar dikembalikan.", "dasar": dasar_kepala}
        r = client.post(url, data)
        assert r.status_code == 400
        assert PESAN in r.content.decode()
        assert "Kelebihan bayar dikembalikan." in r.content.decode()  # the text is kept
        assert Pengaduan.objects.get(pk=p.pk).status == "ditindaklanjuti"
        # With the page as it is now, the decision goes through.
        r = client.post(url, {**data, "dasar": dasar_dari(r)})
        assert r.status_code == 302
        assert Pengaduan.objects.get(pk=p.pk).status == "diputuskan"

    def test_a_stale_assignment_is_refused(self, client, dunia):
        p = ajukan(dunia.a)
        url_detail = reverse("pengaduan:staf_detail", args=[p.pk])
        client.force_login(dunia["kepala_unit"])
        dasar = dasar_dari(client.get(url_detail))
        pengaduan_services.pengaduan_tugaskan(pengaduan=p, petugas=dunia.petugas, oleh=dunia.petugas)
        r = client.post(
            reverse("pengaduan:staf_tugaskan", args=[p.pk]),
            {"petugas": dunia["admin_unit"].pk, "dasar": dasar},
        )
        assert r.status_code == 400
        assert PESAN in r.content.decode()
        assert Pengaduan.objects.get(pk=p.pk).petugas == dunia.petugas

    def test_the_fingerprint_moves_with_every_step(self, dunia):
        p = ajukan(dunia.a)
        before = pengaduan_services.sidik_pengaduan(p)
        p = pengaduan_services.pengaduan_tugaskan(pengaduan=p, petugas=dunia.petugas, oleh=dunia.petugas)
        assert pengaduan_services.sidik_pengaduan(Pengaduan.objects.get(pk=p.pk)) != before

    def test_stale_promise_settings_are_refused(self, client, dunia):
        url = reverse("pengaduan:staf_pengaturan", args=[dunia.a.slug])
        kepala_lain = user_factory(nama_lengkap="Kepala Dua")
        grant(kepala_lain, Peran.KEPALA_UNIT, unit=dunia.a)
        client.force_login(kepala_lain)
        dasar = dasar_dari(client.get(url))
        client.force_login(dunia["kepala_unit"])
        assert (
            client.post(url, {"janji_tanggapan": "5", "janji_keputusan": "30", "dasar": dasar}).status_code
            == 302
        )
        client.force_login(kepala_lain)
        r = client.post(url, {"janji_tanggapan": "7", "janji_keputusan": "", "dasar": dasar})
        assert r.status_code == 409
        assert PESAN in r.content.decode()
        s = PengaturanPengaduanUnit.objects.get(unit=dunia.a)
        assert (s.janji_tanggapan_hari_kerja, s.janji_keputusan_hari_kerja) == (5, 30)


def test_services_without_a_fingerprint_are_not_checked():
    konkurensi.periksa(None, "abc", apa="X")  # callers that are not forms (demo, tasks)
    with pytest.raises(konkurensi.DiubahPihakLain):
        konkurensi.periksa("", "abc", apa="X")  # a form whose field was emptied is checked
