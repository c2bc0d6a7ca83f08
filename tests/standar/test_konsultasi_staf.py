"""Staff consultation pages (standar.views.konsultasi_staf): opening a round through the
form, the management page with its disposition matrix and decree gate, extensions, FKP
meetings with participants and attendance file, offline input, answers, moderation by
scope, permissions of every page, and a constant query count.

Data are built through the services (tests/standar/helpers.py, standar.konsultasi); the
pages are driven the way a browser posts them.
"""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pelayanan.choices import Peran
from pelayanan.models import JejakAudit
from standar import komponen, konsultasi, services
from standar.forms_konsultasi_staf import BARIS_PESERTA, format_waktu
from standar.models import (
    JawabanKomentar,
    Komentar,
    PerpanjanganPutaran,
    PertemuanFKP,
    PesertaFKP,
    PutaranKonsultasi,
)
from tests.factories import InstansiFactory, LayananFactory, UnitFactory, grant, user_factory
from tests.standar.helpers import buka_putaran, isi_lengkap, staf_unit, standar_terbit, tutup_putaran

pytestmark = pytest.mark.django_db

# The round with its version and unit, session, user, grants (policy), versions for the
# answer form, the version's components (item texts), top-level comments (with the support
# count as a subquery), their replies, the FKP meetings, gate_penetapan (1 query while the
# round is open), partisipasi (6), the extensions, plus the request's savepoint pair.
KELOLA_QUERIES = 19

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# --- helpers -----------------------------------------------------------------------------------


def body(response) -> str:
    return response.content.decode()


def teks(response) -> str:
    """The visible text of a page, whitespace collapsed (for phrases split by markup)."""
    html = re.sub(r"<[^>]+>", " ", body(response))
    return re.sub(r"\s+", " ", html)


def nilai(html: str, name: str) -> str:
    m = re.search(rf'name="{name}"[^>]*?value="([^"]*)"', html)
    return m.group(1) if m else ""


def pesan(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def ikuti(client, response):
    """Follow one redirect and return the page."""
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"])


def url_buka(versi):
    return reverse("standar:putaran_buka", kwargs={"pk": versi.pk})


def url_kelola(putaran):
    return reverse("standar:putaran_kelola", kwargs={"pk": putaran.pk})


def url_perpanjang(putaran):
    return reverse("standar:putaran_perpanjang", kwargs={"pk": putaran.pk})


def url_fkp_baru(putaran):
    return reverse("standar:fkp_baru", kwargs={"pk": putaran.pk})


def url_fkp(pertemuan):
    return reverse("standar:fkp_detail", kwargs={"pk": pertemuan.pk})


def url_jawab(komentar):
    return reverse("standar:komentar_jawab", kwargs={"pk": komentar.pk})


def url_sembunyikan(komentar):
    return reverse("standar:komentar_sembunyikan", kwargs={"pk": komentar.pk})


URL_MODERASI = reverse("standar:moderasi")


@pytest.fixture
def draf():
    layanan = LayananFactory()
    admin, kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    return SimpleNamespace(versi=versi, admin=admin, kepala=kepala, unit=layanan.unit, layanan=layanan)


@pytest.fixture
def putaran(draf):
    return buka_putaran(draf.versi, draf.admin)


_n_warga = iter(range(10_000))


def warga_baru(nama="Warga Komentar"):
    return user_factory(
        email=f"warga{next(_n_warga)}@contoh.example",
        nama_lengkap=nama,
        email_dikonfirmasi_pada=timezone.now(),
    )


def komentar(putaran, warga=None, kunci="persyaratan", isi="Syarat KK asli memberatkan.", **kwargs):
    return konsultasi.komentar_create(
        putaran=putaran,
        penulis=warga or warga_baru(),
        kunci=kunci,
        isi=isi,
        kategori=kwargs.pop("kategori", "masyarakat"),
        **kwargs,
    )


def catat_fkp(putaran, admin, peserta=None):
    return konsultasi.pertemuan_record(
        putaran=putaran,
        tanggal=timezone.localdate(),
        tempat="Aula Dinas",
        ringkasan="Pembahasan rancangan",
        peserta=peserta
        or [
            {"nama": "Dr. Rina", "lembaga": "Universitas Sukamaju", "kategori": "ahli"},
            {"nama": "Pak Joko", "lembaga": "Kadin", "kategori": "usaha"},
        ],
        oleh=admin,
    )


def form_fkp(peserta, **extra) -> dict:
    data = {
        "tanggal": timezone.localdate().isoformat(),
        "tempat": "Aula Kantor Dinas",
        "ringkasan": "Pembahasan persyaratan dan jangka waktu.",
        "peserta-TOTAL_FORMS": str(len(peserta) + 2),
        "peserta-INITIAL_FORMS": "0",
        "peserta-MIN_NUM_FORMS": "0",
        "peserta-MAX_NUM_FORMS": "300",
    }
    for i, row in enumerate([*peserta, {}, {}]):
        for key in ("nama", "lembaga", "kategori"):
            data[f"peserta-{i}-{key}"] = row.get(key, "")
    data.update(extra)
    return data


def moderator(instansi=None):
    user = user_factory(nama_lengkap="Moderator Uji")
    grant(user, Peran.MODERATOR, instansi=instansi)
    return user


# --- opening a round ---------------------------------------------------------------------------


class TestBuka:
    def test_admin_opens_a_round_with_the_default_end(self, client, draf):
        client.force_login(draf.admin)
        response = client.get(url_buka(draf.versi))
        assert response.status_code == 200
        html = body(response)
        assert "7 hari kerja (PP 96/2012 Pasal 27)" in html
        bawaan = konsultasi.default_end(timezone.now(), draf.unit.instansi_id)
        assert nilai(html, "selesai") == format_waktu(bawaan)
        assert nilai(html, "selesai_bawaan") == format_waktu(bawaan)
        # Every stakeholder category is ticked by default.
        assert html.count('name="kategori_diundang"') == html.count('name="kategori_diundang" value') == 7
        assert len(re.findall(r'name="kategori_diundang" value="\w+"[^>]*checked', html)) == 7

        data = {
            "penjelasan": "Mohon tanggapan atas rancangan standar pelayanan ini.",
            "kategori_diundang": ["masyarakat", "ahli", "oms"],
            **{f: nilai(html, f) for f in ("mulai", "selesai", "mulai_bawaan", "selesai_bawaan")},
        }
        response = client.post(url_buka(draf.versi), data)
        putaran = PutaranKonsultasi.objects.get()
        assert response["Location"] == url_kelola(putaran)
        draf.versi.refresh_from_db()
        assert draf.versi.status == "konsultasi"
        assert putaran.kategori_diundang == ["ahli", "masyarakat", "oms"]
        assert putaran.selesai == konsultasi.default_end(putaran.mulai, draf.unit.instansi_id)
        assert abs(putaran.mulai - timezone.now()) < timedelta(minutes=1)
        page = ikuti(client, response)
        assert "Putaran konsultasi dibuka" in body(page)
        # Opening again: the open round is shown instead.
        again = client.get(url_buka(draf.versi))
        assert again["Location"] == url_kelola(putaran)

    def test_chosen_dates_are_used(self, client, draf):
        client.force_login(draf.admin)
        mulai = timezone.localtime() + timedelta(days=2)
        selesai = mulai + timedelta(days=20)
        response = client.post(
            url_buka(draf.versi),
            {
                "penjelasan": "Mohon tanggapan atas rancangan standar pelayanan ini.",
                "kategori_diundang": ["masyarakat"],
                "mulai": format_waktu(mulai),
                "selesai": format_waktu(selesai),
                "mulai_bawaan": format_waktu(timezone.now()),
                "selesai_bawaan": "2000-01-01T00:00",
            },
        )
        assert response.status_code == 302
        putaran = PutaranKonsultasi.objects.get()
        assert format_waktu(putaran.mulai) == format_waktu(mulai)
        assert format_waktu(putaran.selesai) == format_waktu(selesai)

    def test_default_end_follows_a_later_start(self, client, draf):
        client.force_login(draf.admin)
        html = body(client.get(url_buka(draf.versi)))
        mulai = timezone.localtime() + timedelta(days=10)
        data = {
            "penjelasan": "Mohon tanggapan atas rancangan standar pelayanan ini.",
            "kategori_diundang": ["masyarakat"],
            "mulai": format_waktu(mulai),
            **{f: nilai(html, f) for f in ("selesai", "mulai_bawaan", "selesai_bawaan")},
        }
        assert client.post(url_buka(draf.versi), data).status_code == 302
        putaran = PutaranKonsultasi.objects.get()
        assert putaran.selesai == konsultasi.default_end(putaran.mulai, draf.unit.instansi_id)

    def test_incomplete_draft_is_refused_with_the_missing_components(self, client):
        layanan = LayananFactory()
        admin, _kepala = staf_unit(layanan.unit)
        versi = services.versi_draft_create(layanan=layanan, oleh=admin)
        isi_lengkap(versi, admin)
        row = versi.komponen_set.get(kunci="biaya")
        services.komponen_update(versi=versi, kunci="biaya", isi={}, revisi_dasar=row.revisi, oleh=admin)
        client.force_login(admin)
        assert "Draf ini belum dapat dibuka" in body(client.get(url_buka(versi)))
        response = client.post(
            url_buka(versi),
            {
                "penjelasan": "Mohon tanggapan atas rancangan standar pelayanan ini.",
                "kategori_diundang": ["masyarakat"],
            }
            | dict.fromkeys(("mulai_bawaan", "selesai_bawaan"), "")
            | {
                "mulai": format_waktu(timezone.now()),
                "selesai": format_waktu(timezone.now() + timedelta(days=9)),
            },
        )
        assert response.status_code == 400
        errors = [m for m in pesan(response) if "belum lengkap" in m]
        assert errors
        assert komponen.get("biaya").label in errors[0]
        assert komponen.get("persyaratan").label not in errors[0]
        assert "Mohon tanggapan atas rancangan" in body(response)  # input kept
        assert not PutaranKonsultasi.objects.exists()
        versi.refresh_from_db()
        assert versi.status == "draf"

    def test_bad_input_is_kept_on_the_form(self, client, draf):
        client.force_login(draf.admin)
        mulai = timezone.localtime() + timedelta(days=3)
        response = client.post(
            url_buka(draf.versi),
            {
                "penjelasan": "Penjelasan yang tetap ada setelah galat.",
                "mulai": format_waktu(mulai),
                "selesai": format_waktu(mulai - timedelta(days=1)),
                "mulai_bawaan": "",
                "selesai_bawaan": "",
            },
        )
        assert response.status_code == 400
        form = response.context["form"]
        assert "kategori_diundang" in form.errors
        assert "selesai" in form.errors
        html = body(response)
        assert "Pilih paling sedikit satu kategori pemangku kepentingan." in html
        assert "Waktu berakhir harus setelah waktu mulai." in html
        assert "Penjelasan yang tetap ada setelah galat." in html
        assert nilai(html, "mulai") == format_waktu(mulai)
        # No category ticked any more: the user's choice is kept, not the default.
        assert not re.search(r'name="kategori_diundang"[^>]*checked', html)
        assert not PutaranKonsultasi.objects.exists()

    def test_service_field_errors_show_next_to_the_field(self, client, draf):
        client.force_login(draf.admin)
        response = client.post(
            url_buka(draf.versi),
            {
                "penjelasan": "Mohon tanggapan atas rancangan standar pelayanan ini.",
                "kategori_diundang": ["masyarakat"],
                "mulai": format_waktu(timezone.now() - timedelta(days=2)),
                "selesai": format_waktu(timezone.now() + timedelta(days=9)),
            },
        )
        assert response.status_code == 400
        assert "Waktu mulai tidak boleh di masa lalu." in response.context["form"].errors["mulai"]


# --- permissions -------------------------------------------------------------------------------


@pytest.fixture
def semua(draf, putaran):
    """A round with an FKP meeting, a reported comment: one object for every page."""
    pertemuan = catat_fkp(putaran, draf.admin)
    k = komentar(putaran)
    konsultasi.komentar_report(komentar=k, pelapor=None, alasan="kasar", ip="10.0.0.9")
    return SimpleNamespace(**vars(draf), putaran=putaran, pertemuan=pertemuan, komentar=k)


def _halaman(s):
    """(name, method, url, data) of every page."""
    return [
        ("putaran_buka", "get", url_buka(s.versi), {}),
        ("putaran_buka", "post", url_buka(s.versi), {"penjelasan": "Mohon tanggapan atas rancangan."}),
        ("putaran_kelola", "get", url_kelola(s.putaran), {}),
        ("putaran_perpanjang", "post", url_perpanjang(s.putaran), {"alasan": "Permintaan asosiasi warga"}),
        ("fkp_baru", "get", url_fkp_baru(s.putaran), {}),
        ("fkp_baru", "post", url_fkp_baru(s.putaran), form_fkp([{"nama": "X", "kategori": "ahli"}])),
        ("fkp_detail", "get", url_fkp(s.pertemuan), {}),
        ("fkp_detail", "post", url_fkp(s.pertemuan), {"isi": "Masukan"}),
        (
            "komentar_jawab",
            "post",
            url_jawab(s.komentar),
            {"keputusan": "diterima", "alasan": "Diterima baik"},
        ),
        ("moderasi", "get", URL_MODERASI, {}),
        ("komentar_sembunyikan", "post", url_sembunyikan(s.komentar), {"alasan": "Kasar sekali"}),
    ]


# Pages a kepala unit (like the instansi's monitoring roles) may read: standar.lihat_draf.
BACA_SAJA = {"putaran_kelola", "fkp_detail"}


@pytest.mark.parametrize("siapa", ["kepala", "admin_lain", "warga", "moderator_lain"])
def test_wrong_roles_get_403_on_every_page(client, semua, siapa):
    if siapa == "kepala":
        user = semua.kepala
    elif siapa == "admin_lain":
        user = user_factory()
        grant(user, Peran.ADMIN_UNIT, unit=UnitFactory(instansi=semua.unit.instansi))
    elif siapa == "warga":
        user = warga_baru()
    else:
        user = moderator(InstansiFactory())
    client.force_login(user)
    for name, method, url, data in _halaman(semua):
        response = getattr(client, method)(url, data)
        if siapa == "kepala" and method == "get" and name in BACA_SAJA:
            assert response.status_code == 200, (siapa, name)
        elif siapa == "moderator_lain" and name == "moderasi":
            assert response.status_code == 200  # the page, without this comment
            assert semua.komentar.isi not in body(response)
        else:
            assert response.status_code == 403, (siapa, method, name)
            assert "Akses ditolak" in body(response)
    assert not PertemuanFKP.objects.exclude(pk=semua.pertemuan.pk).exists()
    assert not JawabanKomentar.objects.exists()
    assert not Komentar.objects.filter(disembunyikan_pada__isnull=False).exists()
    assert not PerpanjanganPutaran.objects.exists()
    assert PutaranKonsultasi.objects.count() == 1


def test_anonymous_is_sent_to_login(client, semua):
    login = reverse("pelayanan:login")
    for name, method, url, data in _halaman(semua):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, name
        assert response["Location"].startswith(login), name


def test_kepala_reads_the_round_without_forms(client, semua):
    client.force_login(semua.kepala)
    html = body(client.get(url_kelola(semua.putaran)))
    assert semua.komentar.isi in html
    assert url_jawab(semua.komentar) not in html
    assert url_perpanjang(semua.putaran) not in html
    assert url_fkp_baru(semua.putaran) not in html
    fkp = body(client.get(url_fkp(semua.pertemuan)))
    assert "Dr. Rina" in fkp
    assert "Catat masukan peserta" not in fkp


# --- the management page -----------------------------------------------------------------------


def test_round_page_shows_dates_categories_links_and_participation(client, draf, putaran):
    catat_fkp(putaran, draf.admin)
    komentar(putaran, kunci="biaya", isi="Mohon tetap gratis.")
    client.force_login(draf.admin)
    response = client.get(url_kelola(putaran))
    assert response.status_code == 200
    html = body(response)
    assert reverse("standar:putaran_detail", kwargs={"pk": putaran.pk}) in html
    assert reverse("standar:berita_acara", kwargs={"pk": putaran.pk}) in html
    assert "Masyarakat pengguna layanan, Ahli, praktisi, akademisi, Dunia usaha" in html
    assert putaran.penjelasan in html
    figures = response.context["partisipasi"]
    assert (figures["komentar"], figures["peserta_daring"], figures["peserta_luring"]) == (1, 1, 2)
    assert figures["jumlah_kategori"] == 3
    assert "Terbuka" in html
    assert url_fkp_baru(putaran) in html
    assert "Aula Dinas" in html


def test_matrix_groups_comments_per_component_in_registry_order_with_item_text(client, draf, putaran):
    warga = warga_baru("Siti Warga")
    k_biaya = komentar(putaran, warga, kunci="biaya", isi="Mohon tetap gratis.")
    k_item = komentar(putaran, warga, kunci="persyaratan", item_id="a0000002", isi="Cukup fotokopi saja.")
    pendukung = warga_baru()
    konsultasi.komentar_support(komentar=k_item, pengguna=pendukung)
    konsultasi.komentar_support(komentar=k_item, pengguna=warga_baru())
    komentar(putaran, pendukung, induk=k_item, isi="Saya juga setuju fotokopi.")
    client.force_login(draf.admin)
    response = client.get(url_kelola(putaran))
    matriks = response.context["matriks"]
    assert [k.kunci for k, _rows in matriks] == ["persyaratan", "biaya"]  # registry order
    baris = matriks[0][1][0]
    assert baris.teks_butir == "Kartu Keluarga asli (Administratif)"
    assert baris.komentar.jumlah_dukungan == 2
    html = teks(response)
    assert "“Kartu Keluarga asli (Administratif)”" in html
    assert "2 setuju" in html
    assert "1 balasan" in html
    assert "Siti Warga" in html
    assert "Saya juga setuju fotokopi." in html
    assert body(response).index(f'id="komentar-{k_item.pk}"') < body(response).index(
        f'id="komentar-{k_biaya.pk}"'
    )


def test_answering_every_comment_clears_the_count_and_the_gate(client, draf, putaran):
    k1 = komentar(putaran, kunci="persyaratan")
    k2 = komentar(putaran, kunci="biaya", isi="Mohon tetap gratis.")
    pertemuan = catat_fkp(putaran, draf.admin)
    k3 = konsultasi.komentar_offline_create(
        pertemuan=pertemuan,
        peserta=pertemuan.peserta_set.get(nama="Pak Joko"),
        kunci="jangka_waktu",
        isi="Satu hari kerja terlalu singkat untuk desa jauh.",
        oleh=draf.admin,
    )
    client.force_login(draf.admin)
    page = teks(client.get(url_kelola(putaran)))
    assert "3 komentar belum dijawab" in page
    assert "Putaran konsultasi masih berlangsung" in page  # the gate while the round is open
    tutup_putaran(draf.versi)
    page = teks(client.get(url_kelola(putaran)))
    assert "3 komentar belum dijawab" in page
    assert "3 komentar dari konsultasi publik belum dijawab." in page

    for n, (k, keputusan) in enumerate([(k1, "sebagian"), (k2, "diterima"), (k3, "ditolak")], start=1):
        response = client.post(
            url_jawab(k),
            {"keputusan": keputusan, "alasan": f"Alasan jawaban nomor {n}.", "versi_perubahan": ""},
        )
        assert response["Location"] == url_kelola(putaran) + f"#komentar-{k.pk}"
        page = ikuti(client, response)
        assert f"Jawaban atas komentar #{k.pk} disimpan." in body(page)
        if n < 3:
            assert f"{3 - n} komentar belum dijawab" in teks(page)
    page = client.get(url_kelola(putaran))
    html = teks(page)
    assert "belum dijawab" not in html.replace("Belum dijawab", "")
    assert page.context["belum_dijawab"] == 0
    assert page.context["gate"] == []
    assert "Yang masih menghalangi penetapan" not in html
    assert "syarat konsultasi untuk penetapan terpenuhi" in html
    assert JawabanKomentar.objects.count() == 3
    assert JejakAudit.objects.filter(aksi="konsultasi.jawab").count() == 3
    # The decree gate of the workflow agrees.
    assert konsultasi.gate_penetapan(draf.versi) == []


def test_answer_form_errors_come_back_as_messages(client, draf, putaran):
    k = komentar(putaran)
    client.force_login(draf.admin)
    response = client.post(url_jawab(k), {"keputusan": "", "alasan": "ok"})
    assert response["Location"] == url_kelola(putaran) + f"#komentar-{k.pk}"
    msgs = pesan(ikuti(client, response))
    assert any(m.startswith("Keputusan:") for m in msgs)
    assert any(m.startswith("Alasan/tindak lanjut:") for m in msgs)
    assert not JawabanKomentar.objects.exists()


def test_an_answer_points_to_the_version_that_made_the_change(client):
    """A round on version 2 (revising the published version 1): the answer names the version
    with the change; older versions are not offered and are refused."""
    v1, admin, _kepala = standar_terbit()
    v2 = isi_lengkap(services.versi_draft_create(layanan=v1.standar.layanan, oleh=admin), admin)
    putaran = buka_putaran(v2, admin)
    k = komentar(putaran, kunci="jangka_waktu", isi="Jangka waktu terlalu lama.")
    tutup_putaran(v2)
    client.force_login(admin)
    form = client.get(url_kelola(putaran)).context["matriks"][0][1][0].form
    pilihan = [value for value, _label in form.fields["versi_perubahan"].choices if value]
    assert pilihan == [v2.pk]
    response = client.post(
        url_jawab(k), {"keputusan": "diterima", "alasan": "Dipersingkat", "versi_perubahan": v1.pk}
    )
    assert "Pilih versi standar yang sama atau sesudahnya." in pesan(ikuti(client, response))
    response = client.post(
        url_jawab(k), {"keputusan": "diterima", "alasan": "Dipersingkat", "versi_perubahan": v2.pk}
    )
    page = ikuti(client, response)
    assert JawabanKomentar.objects.get(komentar=k).versi_perubahan == v2
    assert "Diterapkan pada versi 2." in body(page)


def test_an_answer_can_be_changed_until_the_decree(client, draf, putaran):
    k = komentar(putaran)
    konsultasi.komentar_answer(komentar=k, keputusan="ditolak", alasan="Belum dapat.", oleh=draf.admin)
    client.force_login(draf.admin)
    html = body(client.get(url_kelola(putaran)))
    assert "Ubah jawaban" in html
    assert "Belum dapat." in html
    client.post(url_jawab(k), {"keputusan": "sebagian", "alasan": "Sebagian dapat diterima."})
    assert JawabanKomentar.objects.get().keputusan == "sebagian"


def test_hidden_comments_need_no_answer(client, draf, putaran):
    komentar(putaran, isi="Komentar biasa.")
    kasar = komentar(putaran, isi="Komentar kasar.")
    konsultasi.komentar_hide(komentar=kasar, alasan="Bahasa kasar", oleh=moderator())
    client.force_login(draf.admin)
    page = client.get(url_kelola(putaran))
    assert page.context["belum_dijawab"] == 1
    html = body(page)
    assert url_jawab(kasar) not in html
    assert "Bahasa kasar" in html


# --- extension ---------------------------------------------------------------------------------


def test_extension_with_reason_is_recorded_and_shown(client, draf, putaran):
    client.force_login(draf.admin)
    baru = putaran.selesai + timedelta(days=3)
    response = client.post(
        url_perpanjang(putaran),
        {"selesai_baru": format_waktu(baru), "alasan": "Permintaan asosiasi pengusaha"},
    )
    assert response["Location"] == url_kelola(putaran)
    page = ikuti(client, response)
    putaran.refresh_from_db()
    assert format_waktu(putaran.selesai) == format_waktu(baru)
    p = PerpanjanganPutaran.objects.get()
    assert (p.alasan, p.oleh) == ("Permintaan asosiasi pengusaha", draf.admin)
    html = body(page)
    assert "Putaran diperpanjang sampai" in html
    assert "Permintaan asosiasi pengusaha" in html


def test_bad_extension_gives_a_message_and_changes_nothing(client, draf, putaran):
    client.force_login(draf.admin)
    lama = putaran.selesai
    response = client.post(
        url_perpanjang(putaran),
        {"selesai_baru": format_waktu(lama - timedelta(days=1)), "alasan": "Alasan cukup panjang"},
    )
    assert response["Location"] == url_kelola(putaran) + "#perpanjang"
    assert "Akhir baru harus setelah akhir semula." in pesan(ikuti(client, response))
    response = client.post(
        url_perpanjang(putaran), {"selesai_baru": format_waktu(lama + timedelta(days=2)), "alasan": "x"}
    )
    assert any(m.startswith("Alasan perpanjangan:") for m in pesan(ikuti(client, response)))
    tutup_putaran(draf.versi)
    page = client.get(url_kelola(putaran))
    assert url_perpanjang(putaran) not in body(page)
    response = client.post(
        url_perpanjang(putaran),
        {"selesai_baru": format_waktu(lama + timedelta(days=2)), "alasan": "Terlambat sekali"},
    )
    assert "Putaran yang sudah berakhir tidak dapat diperpanjang." in pesan(ikuti(client, response))
    putaran.refresh_from_db()
    assert putaran.selesai == lama
    assert not PerpanjanganPutaran.objects.exists()


# --- FKP meetings ------------------------------------------------------------------------------


PESERTA_3 = [
    {"nama": "Dr. Rina Wulandari", "lembaga": "Universitas Sukamaju", "kategori": "ahli"},
    {"nama": "Pak Joko", "lembaga": "Kadin Sukamaju", "kategori": "usaha"},
    {"nama": "Bu Sari", "lembaga": "Forum Warga RW 03", "kategori": "masyarakat"},
]


def test_admin_records_a_meeting_with_participants_and_a_pdf(client, draf, putaran):
    client.force_login(draf.admin)
    page = client.get(url_fkp_baru(putaran))
    assert page.status_code == 200
    html = body(page)
    assert 'enctype="multipart/form-data"' in html
    assert html.count('name="peserta-') >= 3 * BARIS_PESERTA
    berkas = SimpleUploadedFile("daftar hadir.pdf", PDF, content_type="application/pdf")
    response = client.post(url_fkp_baru(putaran), {**form_fkp(PESERTA_3), "daftar_hadir": berkas})
    pertemuan = PertemuanFKP.objects.get()
    assert response["Location"] == url_fkp(pertemuan)
    assert sorted(pertemuan.peserta_set.values_list("kategori", flat=True)) == ["ahli", "masyarakat", "usaha"]
    assert pertemuan.daftar_hadir.name.endswith(".pdf")
    with pertemuan.daftar_hadir.open("rb") as f:
        assert f.read() == PDF
    page = ikuti(client, response)
    html = body(page)
    assert "dicatat dengan 3 peserta" in html
    assert "Dr. Rina Wulandari" in html
    assert "Forum Warga RW 03" in html
    assert "3 kategori pemangku terwakili" in html
    name = pertemuan.daftar_hadir.name.rsplit("/", 1)[-1]
    assert name in html
    assert "/media/" not in html  # media is not served publicly; no direct link
    kelola = client.get(url_kelola(putaran))
    assert kelola.context["partisipasi"]["peserta_luring"] == 3
    assert url_fkp(pertemuan) in body(kelola)
    assert JejakAudit.objects.filter(aksi="konsultasi.fkp_catat").count() == 1


@pytest.mark.parametrize(
    "isi",
    [
        b"Ini hanya teks biasa yang diberi nama PDF.\n",
        b"\x89PNG\r\n\x1a\n" + b"bukan gambar yang utuh" * 4,  # a PNG signature, broken image
    ],
    ids=["teks", "png-rusak"],
)
def test_a_fake_pdf_is_refused_and_nothing_is_saved(client, draf, putaran, isi):
    client.force_login(draf.admin)
    berkas = SimpleUploadedFile("daftar-hadir.pdf", isi, content_type="application/pdf")
    response = client.post(url_fkp_baru(putaran), {**form_fkp(PESERTA_3), "daftar_hadir": berkas})
    assert response.status_code == 400
    assert "Pertemuan belum dicatat: periksa isian yang ditandai." in pesan(response)
    errors = response.context["form"].errors["daftar_hadir"]
    assert any("daftar-hadir.pdf" in e for e in errors)
    html = body(response)
    assert "Aula Kantor Dinas" in html
    assert "Dr. Rina Wulandari" in html
    assert not PertemuanFKP.objects.exists()
    assert not PesertaFKP.objects.exists()


def test_meeting_form_errors_next_to_fields(client, draf, putaran):
    client.force_login(draf.admin)
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        url_fkp_baru(putaran),
        form_fkp([{"nama": "Tanpa Kategori", "lembaga": "LSM"}], tanggal=besok, tempat=""),
    )
    assert response.status_code == 400
    form, formset = response.context["form"], response.context["formset"]
    assert "tanggal" in form.errors
    assert "tempat" in form.errors
    assert formset.forms[0].errors["kategori"] == ["Pilih kategori pemangku."]
    html = body(response)
    assert 'id="id_peserta-0-kategori_galat"' in html
    assert "is-invalid" in html
    assert 'value="Tanpa Kategori"' in html
    response = client.post(url_fkp_baru(putaran), form_fkp([]))
    assert "Catat paling sedikit satu peserta." in body(response)
    assert not PertemuanFKP.objects.exists()


def test_more_participant_rows_keep_the_input(client, draf, putaran):
    client.force_login(draf.admin)
    response = client.post(url_fkp_baru(putaran), {**form_fkp(PESERTA_3), "tambah_baris": "1"})
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 3 + BARIS_PESERTA
    html = body(response)
    assert 'value="Pak Joko"' in html
    assert 'value="Aula Kantor Dinas"' in html
    assert "is-invalid" not in html
    assert not PertemuanFKP.objects.exists()


def test_no_meeting_on_a_closed_round(client, draf, putaran):
    tutup_putaran(draf.versi)
    client.force_login(draf.admin)
    response = client.get(url_fkp_baru(putaran))
    assert response["Location"] == url_kelola(putaran)
    response = client.post(url_fkp_baru(putaran), form_fkp(PESERTA_3))
    assert response.status_code == 400
    assert any("sudah ditutup" in m for m in pesan(response))
    assert url_fkp_baru(putaran) not in body(client.get(url_kelola(putaran)))


def test_offline_input_of_a_participant_is_marked_offline(client, draf, putaran):
    pertemuan = catat_fkp(putaran, draf.admin)
    joko = pertemuan.peserta_set.get(nama="Pak Joko")
    client.force_login(draf.admin)
    page = client.get(url_fkp(pertemuan))
    bagian = dict(c for _g, group in page.context["form"].fields["bagian"].choices[1:] for c in group)
    assert "persyaratan:a0000002" in bagian
    assert bagian["persyaratan:a0000002"].endswith("Kartu Keluarga asli (Administratif)")
    response = client.post(
        url_fkp(pertemuan),
        {
            "peserta": joko.pk,
            "bagian": "persyaratan:a0000002",
            "isi": "Fotokopi KK sudah cukup bagi pelaku usaha.",
        },
    )
    assert response["Location"] == url_fkp(pertemuan) + "#masukan"
    k = Komentar.objects.get()
    assert (k.luring, k.peserta, k.kategori, k.kunci, k.item_id, k.dicatat_oleh) == (
        True,
        joko,
        "usaha",
        "persyaratan",
        "a0000002",
        draf.admin,
    )
    html = teks(ikuti(client, response))
    assert "Masukan Pak Joko dicatat sebagai masukan luring." in html
    assert "Fotokopi KK sudah cukup bagi pelaku usaha." in html
    kelola = body(client.get(url_kelola(putaran)))
    blok = kelola[kelola.index(f'id="komentar-{k.pk}"') :][:2500]
    assert "luring (FKP)" in blok
    assert "Pak Joko" in blok
    assert "Belum dijawab" in blok
    # A whole component, without an item.
    client.post(
        url_fkp(pertemuan), {"peserta": joko.pk, "bagian": "biaya", "isi": "Biaya perlu dasar Perda."}
    )
    assert Komentar.objects.filter(kunci="biaya", item_id="", peserta=joko).exists()


def test_bad_offline_input_is_kept_with_errors(client, draf, putaran):
    pertemuan = catat_fkp(putaran, draf.admin)
    lain = catat_fkp(putaran, draf.admin, [{"nama": "Orang Lain", "kategori": "media"}])
    client.force_login(draf.admin)
    response = client.post(
        url_fkp(pertemuan),
        {"peserta": lain.peserta_set.get().pk, "bagian": "persyaratan:ffffffff", "isi": "Masukan tetap ada."},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "peserta" in errors
    assert "bagian" in errors
    assert "Masukan tetap ada." in body(response)
    assert not Komentar.objects.exists()


# --- moderation --------------------------------------------------------------------------------


@pytest.fixture
def dilaporkan(draf, putaran):
    k = komentar(putaran, isi="Dasar petugas malas semua!")
    for ip in ("10.0.0.1", "10.0.0.2"):
        konsultasi.komentar_report(
            komentar=k, pelapor=None, alasan="kasar", catatan="Menghina petugas", ip=ip
        )
    biasa = komentar(putaran, isi="Sekali dilaporkan saja.")
    konsultasi.komentar_report(komentar=biasa, pelapor=None, alasan="spam", ip="10.0.0.3")
    return SimpleNamespace(komentar=k, biasa=biasa, instansi=draf.unit.instansi, putaran=putaran)


def test_moderator_of_the_instansi_sees_and_hides_a_reported_comment(client, dilaporkan):
    mod = moderator(dilaporkan.instansi)
    k = dilaporkan.komentar
    client.force_login(mod)
    page = client.get(URL_MODERASI)
    assert page.status_code == 200
    html = teks(page)
    assert k.isi in html
    assert "2 laporan" in html
    assert "Kasar atau menghina (2)" in html
    assert "Menghina petugas" in html
    assert dilaporkan.instansi.nama in html
    # Most reported first.
    assert [b["komentar"].pk for b in page.context["baris"]] == [k.pk, dilaporkan.biasa.pk]
    assert url_sembunyikan(k) in body(page)

    response = client.post(url_sembunyikan(k), {"alasan": "Bahasa kasar"})
    assert response["Location"] == URL_MODERASI
    page = ikuti(client, response)
    k.refresh_from_db()
    assert k.tersembunyi
    assert k.alasan_disembunyikan == "Bahasa kasar"
    assert k.disembunyikan_oleh == mod
    assert Komentar.objects.filter(pk=k.pk).exists()  # never deleted
    entry = JejakAudit.objects.get(aksi="konsultasi.komentar_sembunyikan")
    assert (entry.aktor, entry.object_id, entry.data["alasan"]) == (mod, str(k.pk), "Bahasa kasar")
    assert [b["komentar"].pk for b in page.context["baris"]] == [dilaporkan.biasa.pk]
    assert [c.pk for c in page.context["tersembunyi"]] == [k.pk]
    html = teks(page)
    assert f"Komentar #{k.pk} disembunyikan." in html
    assert "Moderator Uji" in html
    assert "Bahasa kasar" in html


def test_hide_needs_a_reason(client, dilaporkan):
    client.force_login(moderator(dilaporkan.instansi))
    response = client.post(url_sembunyikan(dilaporkan.komentar), {"alasan": ""})
    assert any(m.startswith("Alasan disembunyikan:") for m in pesan(ikuti(client, response)))
    dilaporkan.komentar.refresh_from_db()
    assert not dilaporkan.komentar.tersembunyi


def test_moderator_of_another_instansi_neither_sees_nor_hides(client, dilaporkan):
    client.force_login(moderator(InstansiFactory()))
    page = client.get(URL_MODERASI)
    assert page.status_code == 200
    assert page.context["baris"] == []
    assert dilaporkan.komentar.isi not in body(page)
    assert client.post(url_sembunyikan(dilaporkan.komentar), {"alasan": "Bahasa kasar"}).status_code == 403
    dilaporkan.komentar.refresh_from_db()
    assert not dilaporkan.komentar.tersembunyi
    assert not JejakAudit.objects.filter(aksi="konsultasi.komentar_sembunyikan").exists()


def test_platform_wide_moderator_sees_every_instansi(client, dilaporkan):
    layanan = LayananFactory()  # another instansi
    admin, _kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    lain = komentar(buka_putaran(versi, admin), isi="Komentar di instansi lain.")
    konsultasi.komentar_report(komentar=lain, pelapor=None, alasan="lainnya", ip="10.0.0.7")
    client.force_login(moderator())
    page = client.get(URL_MODERASI)
    assert {b["komentar"].pk for b in page.context["baris"]} == {
        dilaporkan.komentar.pk,
        dilaporkan.biasa.pk,
        lain.pk,
    }
    assert "seluruh portal" in body(page)
    # The instansi moderator sees only their own.
    client.force_login(moderator(dilaporkan.instansi))
    assert lain.pk not in {b["komentar"].pk for b in client.get(URL_MODERASI).context["baris"]}


def test_moderation_is_for_moderators_only(client, draf, dilaporkan):
    client.force_login(draf.admin)
    assert client.get(URL_MODERASI).status_code == 403
    assert client.post(url_sembunyikan(dilaporkan.komentar), {"alasan": "Bahasa kasar"}).status_code == 403
    superuser = user_factory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get(URL_MODERASI).status_code == 200


# --- query count -------------------------------------------------------------------------------


def test_round_page_query_count_is_constant(client, draf, putaran, django_assert_num_queries):
    komentar(putaran)
    client.force_login(draf.admin)
    client.get(url_kelola(putaran))  # warm caches (content types, holidays)
    with django_assert_num_queries(KELOLA_QUERIES):
        assert client.get(url_kelola(putaran)).status_code == 200

    pertemuan = catat_fkp(putaran, draf.admin)
    for n, k in enumerate(komponen.KOMPONEN[:6]):
        warga = warga_baru()
        top = komentar(putaran, warga, kunci=k.kunci, isi=f"Komentar ke-{n} tentang {k.label}.")
        komentar(putaran, warga_baru(), induk=top, isi="Balasan warga lain.")
        konsultasi.komentar_support(komentar=top, pengguna=warga_baru())
        if n % 2:
            konsultasi.komentar_answer(
                komentar=top,
                keputusan="diterima",
                alasan="Diterima.",
                oleh=draf.admin,
                versi_perubahan=draf.versi,
            )
    for peserta in pertemuan.peserta_set.all():
        konsultasi.komentar_offline_create(
            pertemuan=pertemuan, peserta=peserta, kunci="biaya", isi="Masukan luring.", oleh=draf.admin
        )
    konsultasi.putaran_extend(
        putaran=putaran,
        selesai_baru=putaran.selesai + timedelta(days=2),
        alasan="Permintaan warga desa",
        oleh=draf.admin,
    )
    konsultasi.komentar_hide(
        komentar=Komentar.objects.filter(induk__isnull=True).last(), alasan="Spam", oleh=moderator()
    )
    with django_assert_num_queries(KELOLA_QUERIES):
        response = client.get(url_kelola(putaran))
    assert response.status_code == 200
    assert sum(len(rows) for _k, rows in response.context["matriks"]) == 9


def test_malformed_posts_never_give_a_server_error(client, semua):
    client.force_login(semua.admin)
    junk = {"peserta-TOTAL_FORMS": "x", "selesai_baru": "kemarin", "versi_perubahan": "abc", "peserta": "z"}
    for _name, method, url, _data in _halaman(semua):
        if method == "post" and "moderasi" not in url:
            assert client.post(url, junk).status_code < 500, url
    response = client.post(url_fkp_baru(semua.putaran), {"tempat": "Aula"})  # no management form
    assert response.status_code == 400
    response = client.post(url_fkp(semua.pertemuan), {"peserta": "999999", "bagian": "tidak_ada", "isi": "x"})
    assert response.status_code == 400
    assert not JawabanKomentar.objects.exists()
