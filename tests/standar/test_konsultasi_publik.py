"""Public consultation pages: the list of rounds, a round's page with its comments and forms,
"setuju", reports, the results after closing, the berita acara, the citizen's own comments."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from pelayanan.choices import Peran
from standar import konsultasi, services
from standar.models import DukunganKomentar, Komentar, LaporanKomentar
from tests.factories import LayananFactory, grant, user_factory
from tests.standar.helpers import isi_lengkap, sampai, staf_unit, standar_terbit, tutup_putaran

pytestmark = pytest.mark.django_db

# Queries per page, each including the savepoint pair of ATOMIC_REQUESTS.
# List: open, scheduled and recently finished rounds (each with service and comment counts).
DAFTAR_QUERIES = 5
# Round page, anonymous: round with service (and its copy of the draft); comments with
# authors, answers and support counts; published version numbers (answer links);
# participation figures (6); FKP meetings.
PUTARAN_QUERIES = 12
# After closing: + the version's content now ("what changed after the consultation").
PUTARAN_DITUTUP_TAMBAHAN = 1
# Signed in: + session, user, the user's role grants (berita acara link).
PUTARAN_QUERIES_MASUK = PUTARAN_QUERIES + 3
# Berita acara, public: round (with its copy of the draft, for quoted items); FKP meetings and
# their participants (2); online commenters per category; the matrix; participation figures
# (6); extensions.
BERITA_ACARA_QUERIES = 14

PENJELASAN = "Mohon masukan masyarakat atas rancangan standar ini."


# --- helpers ------------------------------------------------------------------------------


def teks(response) -> str:
    """The page's visible text: tags removed, entities decoded, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def akhir_hari(hari: int) -> datetime:
    """The end (23.59.59 local) of the day `hari` days from today."""
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=hari), time(23, 59, 59))
    )


def draf_baru(**layanan_kwargs):
    layanan = LayananFactory(**layanan_kwargs)
    admin, kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    return versi, admin, kepala


def buka(versi, admin, **kwargs):
    kwargs.setdefault("kategori_diundang", ["masyarakat", "ahli", "usaha"])
    return konsultasi.putaran_open(versi=versi, penjelasan=PENJELASAN, oleh=admin, **kwargs)


def warga_baru(nama="Warga Terkonfirmasi", **extra):
    extra.setdefault("email_dikonfirmasi_pada", timezone.now())
    return user_factory(nama_lengkap=nama, **extra)


def komentar(putaran, penulis, isi="Syarat KK asli memberatkan warga.", kunci="persyaratan", **kwargs):
    kwargs.setdefault("kategori", "masyarakat")
    return konsultasi.komentar_create(putaran=putaran, penulis=penulis, kunci=kunci, isi=isi, **kwargs)


def url(putaran, **params) -> str:
    base = reverse("standar:putaran_detail", kwargs={"pk": putaran.pk})
    if params:
        base += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return base


@pytest.fixture
def round_(db):
    versi, admin, kepala = draf_baru()
    return buka(versi, admin), admin, kepala


@pytest.fixture
def putaran(round_):
    return round_[0]


@pytest.fixture
def warga(db):
    return warga_baru(email="warga.publik@contoh.example")


@pytest.fixture
def client_warga(client, warga):
    client.force_login(warga)
    return client


# --- the list -----------------------------------------------------------------------------


class TestDaftar:
    def test_open_rounds_with_days_left_and_the_last_day(self, client, warga):
        versi, admin, _ = draf_baru(nama="Penerbitan Kartu Keluarga")
        p1 = buka(versi, admin, selesai=akhir_hari(5), kategori_diundang=["masyarakat", "oms"])
        komentar(p1, warga)
        versi2, admin2, _ = draf_baru(nama="Legalisir Dokumen")
        buka(versi2, admin2, selesai=akhir_hari(0))
        response = client.get(reverse("standar:konsultasi_daftar"))
        assert response.status_code == 200
        page = teks(response)
        assert "Penerbitan Kartu Keluarga" in page
        assert "Legalisir Dokumen" in page
        assert versi.standar.layanan.unit.nama in page
        assert versi.standar.layanan.unit.instansi.nama in page
        assert PENJELASAN in page
        assert "Tinggal 5 hari" in page
        assert "Berakhir hari ini" in page
        assert "Masyarakat pengguna layanan, Organisasi masyarakat sipil" in page
        assert "1 komentar" in page
        # Ending soonest first.
        assert page.index("Legalisir Dokumen") < page.index("Penerbitan Kartu Keluarga")

    def test_finished_rounds_link_to_their_results(self, client, round_):
        putaran, _admin, _ = round_
        tutup_putaran(putaran.versi)
        response = client.get(reverse("standar:konsultasi_daftar"))
        page = teks(response)
        assert "Saat ini tidak ada putaran konsultasi yang terbuka." in page
        body = response.content.decode()
        assert putaran.get_absolute_url() in body
        assert reverse("standar:berita_acara", kwargs={"pk": putaran.pk}) in body

    def test_query_count_is_constant(self, client, django_assert_num_queries, warga):
        versi, admin, _ = draf_baru()
        p = buka(versi, admin)
        komentar(p, warga)
        with django_assert_num_queries(DAFTAR_QUERIES):
            client.get(reverse("standar:konsultasi_daftar"))
        for _n in range(3):
            versi, admin, _ = draf_baru()
            p = buka(versi, admin)
            komentar(p, warga_baru(), kunci="biaya", isi="Mohon tetap gratis.")
        closed_versi, closed_admin, _ = draf_baru()
        buka(closed_versi, closed_admin)
        tutup_putaran(closed_versi)
        scheduled_versi, scheduled_admin, _ = draf_baru()
        buka(scheduled_versi, scheduled_admin, mulai=timezone.now() + timedelta(days=2))
        with django_assert_num_queries(DAFTAR_QUERIES):
            client.get(reverse("standar:konsultasi_daftar"))


# --- commenting ---------------------------------------------------------------------------


class TestKomentar:
    def test_confirmed_citizen_comments_on_a_component_an_item_and_replies(self, client_warga, putaran):
        response = client_warga.get(url(putaran))
        assert response.status_code == 200
        body = response.content.decode()
        assert 'name="isi"' in body
        assert "Kartu Keluarga asli (Administratif)" in body  # item choice by its text
        assert PENJELASAN in teks(response)

        response = client_warga.post(
            url(putaran), {"kunci": "biaya", "kategori": "masyarakat", "isi": "Mohon tetap gratis."}
        )
        k1 = Komentar.objects.get(kunci="biaya")
        assert response.status_code == 302
        assert response["Location"].endswith(f"#komentar-{k1.pk}")
        assert (k1.item_id, k1.induk, k1.penulis.email) == ("", None, "warga.publik@contoh.example")

        response = client_warga.post(
            url(putaran),
            {"kunci": "persyaratan", "item_id": "a0000002", "kategori": "ahli", "isi": "Cukup fotokopi KK."},
        )
        assert response.status_code == 302
        k2 = Komentar.objects.get(item_id="a0000002")
        assert (k2.kunci, k2.kategori) == ("persyaratan", "ahli")

        response = client_warga.post(
            url(putaran), {"induk": k2.pk, "kategori": "masyarakat", "isi": "Setuju, fotokopi saja."}
        )
        assert response.status_code == 302
        reply = Komentar.objects.get(induk=k2)
        assert reply.kunci == "persyaratan"

        response = client_warga.get(url(putaran))
        page = teks(response)
        assert "Mohon tetap gratis." in page
        assert "Bagian yang dikomentari: Kartu Keluarga asli (Administratif)" in page
        assert "Setuju, fotokopi saja." in page
        assert "Ahli, praktisi, akademisi" in page
        assert "Warga Terkonfirmasi" in page
        body = response.content.decode()
        # The reply sits inside its top-level comment's article.
        start = body.index(f'id="komentar-{k2.pk}"')
        assert start < body.index(f'id="komentar-{reply.pk}"') < body.index("</article>", start)

    def test_success_message_after_redirect(self, client_warga, putaran):
        response = client_warga.post(
            url(putaran),
            {"kunci": "biaya", "kategori": "masyarakat", "isi": "Mohon tetap gratis."},
            follow=True,
        )
        assert "Komentar Anda telah dikirim" in teks(response)

    def test_unconfirmed_citizen_cannot_comment(self, client, putaran):
        client.force_login(user_factory(nama_lengkap="Belum Konfirmasi"))
        response = client.get(url(putaran))
        assert "Konfirmasi alamat e-mail Anda dulu sebelum memberi komentar" in teks(response)
        assert 'name="isi"' not in response.content.decode()
        response = client.post(
            url(putaran), {"kunci": "biaya", "kategori": "masyarakat", "isi": "Coba komentar"}
        )
        assert response.status_code == 400
        assert "Konfirmasi alamat e-mail Anda dulu" in teks(response)
        assert "Coba komentar" in teks(response)  # the typed text is shown back
        assert not Komentar.objects.exists()

    def test_anonymous_visitor_cannot_comment(self, client, putaran):
        response = client.get(url(putaran))
        page = teks(response)
        assert "Untuk memberi komentar atau menyatakan setuju, masuk atau daftar sebagai warga" in page
        body = response.content.decode()
        assert reverse("pelayanan:login") + "?next=" in body
        assert 'name="isi"' not in body
        response = client.post(url(putaran), {"kunci": "biaya", "kategori": "masyarakat", "isi": "Anonim"})
        assert response.status_code == 403
        assert "Masuk dulu untuk memberi komentar" in teks(response)
        assert not Komentar.objects.exists()

    def test_closed_round_refuses_with_a_message(self, client_warga, putaran):
        tutup_putaran(putaran.versi)
        response = client_warga.get(url(putaran))
        assert 'name="isi"' not in response.content.decode()
        response = client_warga.post(
            url(putaran), {"kunci": "biaya", "kategori": "masyarakat", "isi": "Telat"}
        )
        assert response.status_code == 400
        assert "Putaran konsultasi ini tidak sedang terbuka untuk komentar" in teks(response)
        assert not Komentar.objects.exists()

    def test_scheduled_round_shows_no_draft_yet(self, client_warga):
        versi, admin, _ = draf_baru()
        p = buka(versi, admin, mulai=timezone.now() + timedelta(days=2))
        response = client_warga.get(url(p))
        page = teks(response)
        assert "Putaran ini dibuka pada" in page
        assert "Kartu Keluarga asli" not in page
        assert 'name="isi"' not in response.content.decode()
        response = client_warga.post(
            url(p), {"kunci": "biaya", "kategori": "masyarakat", "isi": "Terlalu awal"}
        )
        assert response.status_code == 400
        assert "tidak sedang terbuka" in teks(response)

    def test_hostile_text_is_escaped(self, client_warga, putaran):
        jahat = '<script>alert("x")</script> <img src=x onerror=alert(1)>'
        response = client_warga.post(url(putaran), {"kunci": "biaya", "kategori": "masyarakat", "isi": jahat})
        assert response.status_code == 302
        body = client_warga.get(url(putaran)).content.decode()
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body

    def test_too_long_comment_is_refused_and_kept(self, client_warga, putaran):
        panjang = "Terlalu panjang. " + "x" * 1984  # 2001 characters
        assert len(panjang) == 2001
        response = client_warga.post(
            url(putaran), {"kunci": "prosedur", "kategori": "masyarakat", "isi": panjang}
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "Paling banyak 2000 karakter (sekarang 2001)" in teks(response)
        assert panjang in body  # the typed text is kept in the form
        # The form with the error is the one of the component, open.
        section = body[body.index('id="komponen-prosedur"') :]
        assert section.index('<details class="form-komponen" open>') < section.index(panjang)
        assert not Komentar.objects.exists()

    def test_missing_category_and_unknown_item_are_shown_next_to_the_fields(self, client_warga, putaran):
        response = client_warga.post(
            url(putaran), {"kunci": "persyaratan", "item_id": "ffffffff", "isi": "Komentar tanpa kategori"}
        )
        assert response.status_code == 400
        page = teks(response)
        assert "Pilih kategori pemangku kepentingan Anda." in page
        assert "Pilihan tidak sah." in page
        assert not Komentar.objects.exists()

    def test_errors_of_a_form_filtered_out_of_the_page_are_shown_on_top(self, client_warga, putaran):
        response = client_warga.post(
            url(putaran, komponen="biaya"), {"kunci": "persyaratan", "kategori": "masyarakat", "isi": ""}
        )
        assert response.status_code == 400
        page = teks(response)
        assert "Komentar Anda belum terkirim Tulis komentar Anda." in page
        assert 'id="komponen-persyaratan"' not in response.content.decode()

    def test_rate_limit_after_ten_comments(self, client_warga, putaran):
        batas = konsultasi.KOMENTAR_PER_AKUN[0]
        for n in range(batas):
            response = client_warga.post(
                url(putaran), {"kunci": "biaya", "kategori": "masyarakat", "isi": f"Komentar nomor {n}"}
            )
            assert response.status_code == 302
        response = client_warga.post(
            url(putaran), {"kunci": "biaya", "kategori": "masyarakat", "isi": "Satu lagi"}
        )
        assert response.status_code == 429
        assert "Terlalu banyak permintaan. Silakan coba lagi dalam 10 menit." in teks(response)
        assert "Satu lagi" in response.content.decode()
        assert Komentar.objects.count() == batas

    def test_oversized_post_gives_400(self, client_warga, putaran):
        body = "kunci=biaya&kategori=masyarakat&isi=" + "x" * (3 * 1024 * 1024)
        response = client_warga.post(url(putaran), body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400
        assert "Permintaan tidak dapat dibaca" in teks(response)
        assert not Komentar.objects.exists()

    def test_post_that_is_not_utf8_gives_400(self, client_warga, putaran):
        body = b"kunci=biaya&kategori=masyarakat&isi=caf%E9+%FF"
        response = client_warga.post(url(putaran), body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400
        assert not Komentar.objects.exists()

    def test_malformed_multipart_gives_400(self, client_warga, putaran):
        response = client_warga.post(
            url(putaran), b"--x\r\nrusak", content_type="multipart/form-data; boundary=x"
        )
        assert response.status_code == 400
        assert not Komentar.objects.exists()

    def test_reply_to_a_hidden_or_foreign_comment_is_refused(self, client_warga, putaran, warga):
        versi, admin, _ = draf_baru()
        lain = komentar(buka(versi, admin), warga)
        response = client_warga.post(
            url(putaran), {"induk": lain.pk, "kategori": "masyarakat", "isi": "Balas"}
        )
        assert response.status_code == 400
        assert "tidak ditemukan pada putaran ini" in teks(response)
        assert Komentar.objects.count() == 1


# --- sorting, filtering, supports, reports, moderation -----------------------------------


class TestUrutanDanDukungan:
    def test_sort_by_most_supported(self, client, putaran, warga):
        komentar(putaran, warga, isi="Komentar-A tanpa dukungan")
        b = komentar(putaran, warga, isi="Komentar-B dua dukungan", kunci="biaya")
        c = komentar(putaran, warga, isi="Komentar-C satu dukungan", kunci="prosedur")
        for pengguna in (warga_baru(), warga_baru()):
            konsultasi.komentar_support(komentar=b, pengguna=pengguna)
        konsultasi.komentar_support(komentar=c, pengguna=warga_baru())
        page = teks(client.get(url(putaran, urut="didukung")))
        assert page.index("Komentar-B") < page.index("Komentar-C") < page.index("Komentar-A")
        assert "2 orang setuju" in page
        assert "1 orang setuju" in page
        page = teks(client.get(url(putaran, urut="terbaru")))
        assert page.index("Komentar-C") < page.index("Komentar-B") < page.index("Komentar-A")
        # Per component (default): registry order, persyaratan before prosedur before biaya.
        page = teks(client.get(url(putaran)))
        assert page.index("Komentar-A") < page.index("Komentar-C") < page.index("Komentar-B")

    def test_filter_by_component(self, client, putaran, warga):
        komentar(putaran, warga, isi="Tentang-syarat")
        komentar(putaran, warga, isi="Tentang-biaya", kunci="biaya")
        for urut in ("komponen", "terbaru"):
            response = client.get(url(putaran, komponen="biaya", urut=urut))
            page = teks(response)
            assert "Tentang-biaya" in page
            assert "Tentang-syarat" not in page
        # Unknown values fall back to all components.
        page = teks(client.get(url(putaran, komponen="tidak-ada", urut="acak")))
        assert "Tentang-biaya" in page
        assert "Tentang-syarat" in page

    def test_setuju_toggles_and_needs_an_account(self, client, putaran, warga):
        k = komentar(putaran, warga)
        setuju = reverse("standar:komentar_setuju", kwargs={"pk": k.pk})
        response = client.post(setuju)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("pelayanan:login"))
        assert not DukunganKomentar.objects.exists()

        pendukung = warga_baru(nama="Pendukung")
        client.force_login(pendukung)
        response = client.post(setuju)
        assert response.status_code == 302
        assert response["Location"] == f"{url(putaran)}#komentar-{k.pk}"
        assert DukunganKomentar.objects.filter(komentar=k, pengguna=pendukung).count() == 1
        response = client.get(url(putaran))
        assert "Batalkan setuju" in teks(response)
        assert "Anda menyatakan setuju dengan komentar ini." in teks(response)
        client.post(setuju)
        assert not DukunganKomentar.objects.exists()
        assert client.get(setuju).status_code == 405

    def test_setuju_on_a_closed_round_gives_a_message(self, client, putaran, warga):
        k = komentar(putaran, warga)
        tutup_putaran(putaran.versi)
        client.force_login(warga_baru())
        response = client.post(reverse("standar:komentar_setuju", kwargs={"pk": k.pk}), follow=True)
        assert "Putaran konsultasi ini sudah tidak terbuka." in teks(response)
        assert not DukunganKomentar.objects.exists()

    def test_anonymous_report_and_the_rate_limit(self, client, putaran, warga):
        k = komentar(putaran, warga)
        lapor = reverse("standar:komentar_laporkan", kwargs={"pk": k.pk})
        response = client.get(lapor)
        assert response.status_code == 200
        assert "Syarat KK asli memberatkan warga." in teks(response)
        response = client.post(lapor, {"alasan": "spam", "catatan": "Promosi jasa calo"}, follow=True)
        assert "Terima kasih, laporan diteruskan ke moderator" in teks(response)
        laporan = LaporanKomentar.objects.get()
        assert (laporan.pelapor, laporan.alasan, laporan.catatan) == (None, "spam", "Promosi jasa calo")
        for _n in range(konsultasi.LAPORAN_PER_ALAMAT[0] - 1):
            assert client.post(lapor, {"alasan": "kasar"}).status_code == 302
        response = client.post(lapor, {"alasan": "kasar"})
        assert response.status_code == 429
        assert "Terlalu banyak permintaan" in teks(response)
        assert LaporanKomentar.objects.count() == konsultasi.LAPORAN_PER_ALAMAT[0]

    def test_report_needs_a_reason(self, client, putaran, warga):
        k = komentar(putaran, warga)
        response = client.post(reverse("standar:komentar_laporkan", kwargs={"pk": k.pk}), {"alasan": "bosan"})
        assert response.status_code == 400
        assert "Pilihan tidak sah." in teks(response)
        assert not LaporanKomentar.objects.exists()

    def test_hidden_comment_shows_the_reason_and_the_ledger(self, client, putaran, warga):
        k = komentar(putaran, warga, isi="Kata-kata kasar sekali XYZ")
        komentar(putaran, warga_baru(), isi="Balasan yang sopan", induk=k)
        moderator = user_factory(nama_lengkap="Moderator")
        grant(moderator, Peran.MODERATOR)
        konsultasi.komentar_hide(komentar=k, alasan="Mengandung kata kasar", oleh=moderator)
        response = client.get(url(putaran))
        page = teks(response)
        assert "Kata-kata kasar sekali XYZ" not in page
        assert "Komentar disembunyikan moderator: Mengandung kata kasar" in page
        assert "1 komentar disembunyikan moderator: Mengandung kata kasar — 1" in page
        assert "Balasan yang sopan" in page
        # A hidden comment can be neither supported nor reported.
        client.force_login(warga_baru())
        assert client.post(reverse("standar:komentar_setuju", kwargs={"pk": k.pk})).status_code == 404
        assert client.get(reverse("standar:komentar_laporkan", kwargs={"pk": k.pk})).status_code == 404


# --- after closing: results, berita acara ------------------------------------------------


@pytest.fixture
def revisi():
    """A published version 1, a draft version 2 in consultation with comments, an FKP meeting."""
    versi1, admin, kepala = standar_terbit()
    versi2 = services.versi_draft_create(layanan=versi1.standar.layanan, oleh=admin)
    putaran = buka(versi2, admin)
    pertemuan = konsultasi.pertemuan_record(
        putaran=putaran,
        tanggal=timezone.localdate(),
        tempat="Aula Dinas",
        ringkasan="Pembahasan rancangan bersama pemangku kepentingan.",
        peserta=[
            {"nama": "Dr. Rina Kusuma", "lembaga": "Universitas Sukamaju", "kategori": "ahli"},
            {"nama": "Pak Joko", "lembaga": "Kadin Sukamaju", "kategori": "usaha"},
            {"nama": "Bu Sari", "lembaga": "", "kategori": "masyarakat"},
        ],
        oleh=admin,
    )
    warga = warga_baru(nama="Siti Warga")
    k1 = komentar(putaran, warga, isi="Syarat KK asli memberatkan.", item_id="a0000002")
    k2 = komentar(putaran, warga, isi="Mohon tetap gratis.", kunci="biaya", kategori="oms")
    k3 = konsultasi.komentar_offline_create(
        pertemuan=pertemuan,
        peserta=pertemuan.peserta_set.get(nama="Pak Joko"),
        kunci="jangka_waktu",
        isi="Jangka waktu bisa dipersingkat.",
        oleh=admin,
    )
    return {
        "v1": versi1,
        "v2": versi2,
        "admin": admin,
        "kepala": kepala,
        "putaran": putaran,
        "k": (k1, k2, k3),
    }


class TestHasil:
    def test_closed_round_shows_each_comment_with_its_answer_and_change(self, client, revisi):
        putaran, admin, v2 = revisi["putaran"], revisi["admin"], revisi["v2"]
        k1, k2, k3 = revisi["k"]
        tutup_putaran(v2)
        konsultasi.komentar_answer(
            komentar=k1, keputusan="diterima", alasan="Cukup fotokopi KK.", oleh=admin, versi_perubahan=v2
        )
        konsultasi.komentar_answer(
            komentar=k2, keputusan="ditolak", alasan="Biaya sudah nol rupiah.", oleh=admin
        )
        response = client.get(url(putaran))
        page = teks(response)
        assert "Apa yang kami tanyakan, apa yang Anda sampaikan, apa yang kami lakukan" in page
        assert "Tanggapan unit: Diterima Cukup fotokopi KK." in page
        assert "Diterapkan pada versi 2" in page  # version 2 not published yet: no link
        assert "Tanggapan unit: Ditolak Biaya sudah nol rupiah." in page
        assert "Belum dijawab oleh unit." in page  # k3
        assert "Pak Joko luring (FKP) Dunia usaha" in page
        assert 'name="isi"' not in response.content.decode()
        assert "Kartu Keluarga asli" in page  # anchored item quoted

        konsultasi.komentar_answer(
            komentar=k3, keputusan="sebagian", alasan="Dipersingkat jadi 2 hari.", oleh=admin
        )
        sampai(v2, "terbit", admin, revisi["kepala"], sk_nomor="100/2/2026")
        response = client.get(url(putaran))
        layanan = v2.standar.layanan
        diff = reverse(
            "standar:versi_diff",
            kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug, "dari": 1, "ke": 2},
        )
        assert f'href="{diff}"' in response.content.decode()
        assert "Lihat perubahannya pada versi 2" in teks(response)

    def test_first_published_version_links_to_its_page(self, client, warga):
        versi, admin, kepala = draf_baru()
        p = buka(versi, admin)
        k = komentar(p, warga)
        tutup_putaran(versi)
        konsultasi.komentar_answer(
            komentar=k, keputusan="diterima", alasan="Diperbaiki.", oleh=admin, versi_perubahan=versi
        )
        sampai(versi, "terbit", admin, kepala)
        layanan = versi.standar.layanan
        halaman = reverse(
            "standar:versi_detail", kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug, "nomor": 1}
        )
        response = client.get(url(p))
        assert f'href="{halaman}"' in response.content.decode()
        assert "Lihat versi 1" in teks(response)

    def test_participation_figures(self, client, revisi):
        page = teks(client.get(url(revisi["putaran"])))
        assert "Peserta daring 1" in page
        assert "Peserta luring (FKP) 3" in page
        assert "Komentar dan balasan per komponen" in page
        assert "Biaya/tarif 1" in page
        assert "Organisasi masyarakat sipil 1" in page
        assert "Tidak ada komentar yang disembunyikan moderator." in page

    def test_berita_acara_is_404_for_the_public_before_closing(self, client, revisi):
        ba = reverse("standar:berita_acara", kwargs={"pk": revisi["putaran"].pk})
        assert client.get(ba).status_code == 404
        client.force_login(warga_baru())
        assert client.get(ba).status_code == 404
        client.force_login(revisi["admin"])
        response = client.get(ba)
        assert response.status_code == 200
        assert "Pratinjau untuk petugas." in teks(response)
        page = teks(client.get(url(revisi["putaran"])))
        assert "Pratinjau berita acara (hanya untuk petugas)" in page

    def test_berita_acara_lists_fkp_participants_and_the_matrix(self, client, revisi):
        putaran, admin, v2 = revisi["putaran"], revisi["admin"], revisi["v2"]
        k1, _k2, k3 = revisi["k"]
        tutup_putaran(v2)
        konsultasi.komentar_answer(
            komentar=k1, keputusan="diterima", alasan="Cukup fotokopi KK.", oleh=admin, versi_perubahan=v2
        )
        konsultasi.komentar_answer(
            komentar=k3, keputusan="luar_lingkup", alasan="Diatur peraturan pusat.", oleh=admin
        )
        response = client.get(reverse("standar:berita_acara", kwargs={"pk": putaran.pk}))
        assert response.status_code == 200
        page = teks(response)
        assert "Berita Acara Konsultasi Publik Rancangan Standar Pelayanan" in page
        assert v2.standar.layanan.nama in page
        assert "Pertemuan" in page
        assert "Aula Dinas" in page
        # Participants by category, with names and organisations.
        assert "Ahli, praktisi, akademisi 1 Dr. Rina Kusuma Universitas Sukamaju" in page
        assert "Dunia usaha 1 Pak Joko Kadin Sukamaju" in page
        assert "Masyarakat pengguna layanan 1 Bu Sari —" in page
        assert "Masyarakat pengguna layanan 1 1 Bu Sari" in page  # 1 online commenter, 1 FKP participant
        # The matrix: No | Komponen | Komentar | Kategori | Keputusan | Alasan, in registry order.
        body = response.content.decode()
        matriks = teks_of(body[body.index('id="ba-matriks"') :])
        assert "No. Komponen Komentar Kategori Keputusan Alasan" in matriks
        assert (
            "1 Persyaratan Bagian: Kartu Keluarga asli (Administratif) Syarat KK asli memberatkan." in matriks
        )
        assert "Diterima Cukup fotokopi KK. Diterapkan pada versi 2" in matriks
        assert "2 Jangka waktu penyelesaian" in matriks
        assert "Di luar lingkup Diatur peraturan pusat." in matriks
        assert "3 Biaya/tarif Mohon tetap gratis." in matriks
        assert "Belum dijawab" in matriks


def teks_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


# --- the citizen's own comments -----------------------------------------------------------


class TestKomentarSaya:
    def test_lists_only_the_users_own_comments_with_answers(self, client, round_, warga):
        putaran, admin, _ = round_
        milik = komentar(putaran, warga, isi="Komentar milik saya")
        komentar(putaran, warga_baru(nama="Orang Lain"), isi="Komentar orang lain")
        tutup_putaran(putaran.versi)
        konsultasi.komentar_answer(
            komentar=milik, keputusan="sebagian", alasan="Sebagian kami terima.", oleh=admin
        )
        saya = reverse("standar:komentar_saya")
        assert client.get(saya).status_code == 302
        client.force_login(warga)
        response = client.get(saya)
        page = teks(response)
        assert "Komentar milik saya" in page
        assert "Komentar orang lain" not in page
        assert "Diterima sebagian" in page
        assert "Sebagian kami terima." in page
        assert "Ditutup" in page
        assert putaran.versi.standar.layanan.nama in page


# --- query counts -------------------------------------------------------------------------


class TestJumlahQuery:
    def _ramaikan(self, putaran, admin, n=4):
        for i in range(n):
            w = warga_baru(nama=f"Warga {i}")
            k = komentar(putaran, w, isi=f"Komentar {i}", kunci=["persyaratan", "biaya", "prosedur"][i % 3])
            komentar(putaran, warga_baru(), isi=f"Balasan {i}", induk=k)
            konsultasi.komentar_support(komentar=k, pengguna=warga_baru())
            if i % 2:
                komentar(putaran, w, isi=f"Butir {i}", item_id="a0000001")

    def test_round_page_query_count_is_constant(self, client, django_assert_num_queries, round_, warga):
        putaran, admin, _ = round_
        komentar(putaran, warga)
        with django_assert_num_queries(PUTARAN_QUERIES):
            assert client.get(url(putaran)).status_code == 200
        self._ramaikan(putaran, admin)
        with django_assert_num_queries(PUTARAN_QUERIES):
            client.get(url(putaran))
        with django_assert_num_queries(PUTARAN_QUERIES):
            client.get(url(putaran, urut="didukung"))

    def test_round_page_query_count_signed_in_and_after_closing(
        self, client, django_assert_num_queries, round_, warga
    ):
        putaran, admin, _ = round_
        komentar(putaran, warga)
        client.force_login(warga)
        with django_assert_num_queries(PUTARAN_QUERIES_MASUK):
            client.get(url(putaran))
        self._ramaikan(putaran, admin)
        with django_assert_num_queries(PUTARAN_QUERIES_MASUK):
            client.get(url(putaran))
        tutup_putaran(putaran.versi)
        for k in Komentar.objects.filter(induk__isnull=True):
            konsultasi.komentar_answer(komentar=k, keputusan="diterima", alasan="Terima kasih.", oleh=admin)
        with django_assert_num_queries(PUTARAN_QUERIES_MASUK + PUTARAN_DITUTUP_TAMBAHAN):
            client.get(url(putaran))

    def test_berita_acara_query_count_is_constant(self, client, django_assert_num_queries, revisi):
        putaran = revisi["putaran"]
        tutup_putaran(revisi["v2"])
        ba = reverse("standar:berita_acara", kwargs={"pk": putaran.pk})
        with django_assert_num_queries(BERITA_ACARA_QUERIES):
            assert client.get(ba).status_code == 200
        admin = revisi["admin"]
        for k in Komentar.objects.filter(putaran=putaran):
            konsultasi.komentar_answer(komentar=k, keputusan="diterima", alasan="Terima kasih.", oleh=admin)
        Komentar.objects.create(
            putaran=putaran, kunci="biaya", kategori="media", isi="Tambahan", penulis=warga_baru()
        )
        with django_assert_num_queries(BERITA_ACARA_QUERIES):
            client.get(ba)
