"""Pages of the core app: public pages, role navigation, the staff workspace."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from pelayanan.choices import Peran
from pelayanan.models import JejakAudit, Layanan, Unit
from tests.factories import LayananFactory, UnitFactory, grant, user_factory

pytestmark = pytest.mark.django_db


def test_home_page_is_indonesian_and_lists_demo_units(client, demo):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in body
    assert "Standar pelayanan publik yang terbuka untuk semua" in body
    assert "Langsung ke konten utama" in body  # skip link
    for slug in ["disdukcapil-sukamaju", "dpmptsp-sukamaju", "rsud-sukamaju", "kecamatan-sukamaju-utara"]:
        assert f"/unit/{slug}/" in body


def test_search_finds_services_by_any_word_and_units(client, demo):
    response = client.get(reverse("pelayanan:cari"), {"q": "akta sukamaju"})
    body = response.content.decode()
    assert "Penerbitan Akta Kelahiran" in body
    assert "Kota Mekarsari" not in body  # both words must match
    assert "Izin Praktik" not in body


def test_search_handles_hostile_and_overlong_queries(client, demo):
    for q in ["<script>alert(1)</script>", "' OR 1=1 --", "x" * 5000, "\u202eakta"]:
        response = client.get(reverse("pelayanan:cari"), {"q": q})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_unit_profile_shows_pasal_23_items_and_channels(client, demo):
    response = client.get(reverse("pelayanan:unit_profil", kwargs={"slug": "disdukcapil-sukamaju"}))
    body = response.content.decode()
    for text in [
        "Drs. Hendra Wijaya, M.Si.",  # penanggung jawab
        "Jl. Pahlawan No. 12",  # alamat
        "0271 555 101",  # telepon
        "dukcapil@sukamajukab.example",  # e-mail
        "Loket Pengaduan, Lantai 1",  # alamat pengaduan
        "SP4N-LAPOR!",  # kanal
        "Senin–Kamis 08.00–15.00 WIB",  # jam layanan
        "Penerbitan Akta Kelahiran",  # layanan
    ]:
        assert text in body


# Unit with instansi, its channels, its services, its published maklumat, its latest
# published survey result (2); plus the savepoint pair.
UNIT_PROFILE_QUERIES = 8


def test_unit_profile_query_count_does_not_grow_with_services(client, django_assert_num_queries):
    unit = UnitFactory()
    LayananFactory(unit=unit)
    url = reverse("pelayanan:unit_profil", kwargs={"slug": unit.slug})
    with django_assert_num_queries(UNIT_PROFILE_QUERIES):
        client.get(url)
    LayananFactory.create_batch(15, unit=unit)
    with django_assert_num_queries(UNIT_PROFILE_QUERIES):
        client.get(url)


def test_inactive_unit_and_unknown_slug_give_404(client):
    unit = UnitFactory(aktif=False)
    assert client.get(reverse("pelayanan:unit_profil", kwargs={"slug": unit.slug})).status_code == 404
    assert client.get("/unit/tidak-ada/").status_code == 404
    assert "Halaman tidak ditemukan" in client.get("/unit/tidak-ada/").content.decode()


def test_instansi_pages(client, demo):
    body = client.get(reverse("pelayanan:instansi_list")).content.decode()
    assert "Pemerintah Kabupaten Sukamaju" in body
    detail = client.get(reverse("pelayanan:instansi_detail", kwargs={"slug": "kota-mekarsari"}))
    assert "Dinas Kependudukan dan Pencatatan Sipil Kota Mekarsari" in detail.content.decode()
    assert "Rumah Sakit" not in detail.content.decode()


@pytest.mark.parametrize(
    ("email", "expected", "absent"),
    [
        ("admin.dukcapil@sukamajukab.example", ["Unit saya", "Rekomendasi"], [">Dasbor<", "Admin Django"]),
        ("bupati@sukamajukab.example", [">Dasbor<"], ["Unit saya", "Admin Django", ">Rekomendasi<"]),
        ("superadmin@portal.example", ["Admin Django"], ["Unit saya"]),
        ("warga@contoh.example", [], ["Unit saya", ">Dasbor<", ">Rekomendasi<", "Admin Django"]),
    ],
)
def test_navigation_follows_roles(client, demo, email, expected, absent):
    client.login(username=email, password=demo.DEMO_PASSWORD)
    body = client.get("/").content.decode()
    for text in expected:
        assert text in body
    for text in absent:
        assert text not in body


def test_english_language_switch(client, demo):
    call_command("compilemessages", "--ignore=.venv", verbosity=0)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Skip to main content" in body
    assert "Standar pelayanan publik yang terbuka untuk semua" not in body


class TestStaffWorkspace:
    def _profile_post(self, unit, **changes):
        data = {
            "nama": unit.nama,
            "singkatan": unit.singkatan,
            "uraian": unit.uraian,
            "penanggung_jawab_nama": unit.penanggung_jawab_nama,
            "penanggung_jawab_jabatan": unit.penanggung_jawab_jabatan,
            "pengelola_pengaduan_nama": unit.pengelola_pengaduan_nama,
            "alamat": unit.alamat,
            "telepon": unit.telepon,
            "email": unit.email,
            "situs_web": unit.situs_web,
            "alamat_pengaduan": unit.alamat_pengaduan,
            "jam_layanan": unit.jam_layanan,
            "kanal_pengaduan-TOTAL_FORMS": "1",
            "kanal_pengaduan-INITIAL_FORMS": "0",
            "kanal_pengaduan-0-jenis": "whatsapp",
            "kanal_pengaduan-0-nilai": "0812 0000 1111",
            "kanal_pengaduan-0-urutan": "1",
        }
        data.update(changes)
        return data

    def test_admin_unit_edits_own_profile_and_it_is_audited(self, client):
        unit = UnitFactory()
        admin = user_factory()
        grant(admin, Peran.ADMIN_UNIT, unit=unit)
        client.force_login(admin)

        url = reverse("pelayanan:unit_ubah", kwargs={"slug": unit.slug})
        response = client.post(url, self._profile_post(unit, jam_layanan="Senin–Sabtu 07.00–14.00"))

        assert response.status_code == 302
        unit.refresh_from_db()
        assert unit.jam_layanan == "Senin–Sabtu 07.00–14.00"
        assert unit.kanal_pengaduan.get().nilai == "0812 0000 1111"
        entry = JejakAudit.objects.get(aksi="unit.ubah_profil")
        assert entry.aktor == admin
        assert entry.data["diubah"] == ["jam_layanan"]

    def test_invalid_profile_keeps_input_and_saves_nothing(self, client):
        unit = UnitFactory()
        admin = user_factory()
        grant(admin, Peran.ADMIN_UNIT, unit=unit)
        client.force_login(admin)
        url = reverse("pelayanan:unit_ubah", kwargs={"slug": unit.slug})

        response = client.post(url, self._profile_post(unit, telepon="bukan nomor", alamat="Alamat Baru 9"))

        assert response.status_code == 400
        assert "Masukkan nomor telepon yang sah" in response.content.decode()
        assert 'value="Alamat Baru 9"' in response.content.decode()
        unit.refresh_from_db()
        assert unit.alamat == "Jl. Uji No. 1"
        assert not JejakAudit.objects.exists()

    def test_admin_of_another_unit_gets_403_and_anonymous_is_sent_to_login(self, client):
        unit, other = UnitFactory(), UnitFactory()
        admin = user_factory()
        grant(admin, Peran.ADMIN_UNIT, unit=other)
        url = reverse("pelayanan:unit_ubah", kwargs={"slug": unit.slug})

        anonymous = client.get(url)
        assert anonymous.status_code == 302
        assert reverse("pelayanan:login") in anonymous["Location"]

        client.force_login(admin)
        assert client.get(url).status_code == 403
        response = client.post(url, self._profile_post(unit, alamat="Dibajak"))
        assert response.status_code == 403
        assert "Akses ditolak" in response.content.decode()
        unit.refresh_from_db()
        assert unit.alamat != "Dibajak"

    def test_admin_adds_and_edits_a_service(self, client):
        unit = UnitFactory()
        admin = user_factory()
        grant(admin, Peran.ADMIN_UNIT, unit=unit)
        client.force_login(admin)

        add = reverse("pelayanan:layanan_tambah", kwargs={"slug": unit.slug})
        assert client.post(add, {"nama": "Surat Pindah", "uraian": "", "aktif": "on"}).status_code == 302
        assert client.post(add, {"nama": "Surat Pindah", "uraian": "", "aktif": "on"}).status_code == 302
        slugs = sorted(Layanan.objects.filter(unit=unit).values_list("slug", flat=True))
        assert slugs == ["surat-pindah", "surat-pindah-2"]

        layanan = Layanan.objects.get(slug="surat-pindah")
        edit = reverse("pelayanan:layanan_ubah", kwargs={"slug": unit.slug, "pk": layanan.pk})
        client.post(edit, {"nama": "Surat Keterangan Pindah", "uraian": "Antar daerah"})
        layanan.refresh_from_db()
        assert (layanan.nama, layanan.aktif) == ("Surat Keterangan Pindah", False)
        change = JejakAudit.objects.get(aksi="layanan.ubah")
        assert change.data["nama"] == ["Surat Pindah", "Surat Keterangan Pindah"]
        assert change.data["aktif"] == ["True", "False"]

    def test_service_of_another_unit_cannot_be_reached_through_own_unit_url(self, client):
        unit, other = UnitFactory(), UnitFactory()
        foreign = LayananFactory(unit=other)
        admin = user_factory()
        grant(admin, Peran.ADMIN_UNIT, unit=unit)
        client.force_login(admin)
        url = reverse("pelayanan:layanan_ubah", kwargs={"slug": unit.slug, "pk": foreign.pk})
        assert client.get(url).status_code == 404

    def test_pembina_sees_the_units_of_the_instansi_only(self, client):
        unit = UnitFactory()
        UnitFactory(instansi=unit.instansi, nama="Dinas Tetangga")
        UnitFactory(nama="Dinas Di Kabupaten Lain")
        pembina = user_factory()
        grant(pembina, Peran.PEMBINA, instansi=unit.instansi)
        client.force_login(pembina)

        body = client.get(reverse("pelayanan:ruang_kerja")).content.decode()
        assert unit.nama in body
        assert "Dinas Tetangga" in body
        assert "Dinas Di Kabupaten Lain" not in body
        assert client.get(reverse("pelayanan:unit_ubah", kwargs={"slug": unit.slug})).status_code == 403

    def test_citizen_workspace_says_no_roles(self, client, warga):
        client.force_login(warga)
        body = client.get(reverse("pelayanan:ruang_kerja")).content.decode()
        assert "belum memiliki peran" in body
        assert Unit.objects.count() == 0


def test_browser_language_header_does_not_override_indonesian(client, demo):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"


def test_server_error_page_is_plain_and_indonesian(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi gangguan" in body
    assert "Traceback" not in body


def test_in_app_notifications_list_and_mark_read(client, warga):
    from pelayanan.models import Notifikasi
    from pelayanan.notifikasi import notify

    notify(
        penerima=[warga],
        judul="Komentar Anda telah dijawab",
        pesan="<b>Diterima</b>",
        tautan="/konsultasi/1/",
    )
    notify(penerima=[warga], judul="Ringkasan", pesan="x", kunci="k1")
    assert notify(penerima=[warga], judul="Ringkasan", pesan="x", kunci="k1") == []  # once per key
    assert client.get(reverse("pelayanan:notifikasi")).status_code == 302  # login required
    client.force_login(warga)
    body = client.get(reverse("pelayanan:notifikasi")).content.decode()
    assert "Komentar Anda telah dijawab" in body
    assert "&lt;b&gt;Diterima&lt;/b&gt;" in body
    client.post(reverse("pelayanan:notifikasi"))
    assert not Notifikasi.objects.filter(pengguna=warga, dibaca_pada__isnull=True).exists()
