"""Staff pages: the inbox (filters; a constant number of queries), a complaint's page with the
actions the policy allows, the steps over HTTP, assignment, responses and internal notes, the
unit's promised response times, and the navigation item."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pengaduan import services
from pengaduan.models import CatatanInternal, PengaturanPengaduanUnit
from tests.pengaduan.helpers import ajukan, sampai

pytestmark = pytest.mark.django_db

# The inbox, whatever the number of complaints: the request's savepoint pair, session, user,
# grants, the candidate units (for the policy), the count and the page of complaints (with
# unit, service, officer and escalation level in one query), the unit filter's list, the
# header counts.
KOTAK_MASUK_QUERIES = 12
# A complaint's page: savepoints, session, user, grants; the complaint with unit, instansi,
# service and officer; its timeline (with authors), notes (with authors), attachments,
# ratings, escalations; the candidates for assignment and their list.
DETAIL_QUERIES = 16


def _url_kotak(**q):
    from urllib.parse import urlencode

    return reverse("pengaduan:staf_kotak") + ("?" + urlencode(q) if q else "")


class TestInbox:
    def test_only_complaints_in_scope(self, client, dunia):
        a = ajukan(dunia.a)
        b = ajukan(dunia.b)
        c = ajukan(dunia.c)
        for peran, terlihat in [
            ("pengelola_pengaduan_unit", {a}),
            ("pengelola_pengaduan_instansi", {a, b}),
            ("pembina", {a, b}),
            ("pembina_instansi_lain", {c}),
            ("superuser", {a, b, c}),
        ]:
            client.force_login(dunia[peran])
            html = client.get(_url_kotak()).content.decode()
            assert {p for p in (a, b, c) if f">{p.nomor}<" in html} == terlihat, peran

    @pytest.mark.parametrize("peran", ["evaluator", "moderator", "warga"])
    def test_refused_without_a_complaint_role(self, client, dunia, peran):
        client.force_login(dunia[peran])
        assert client.get(_url_kotak()).status_code == 403

    def test_anonymous_goes_to_login(self, client):
        r = client.get(_url_kotak())
        assert r.status_code == 302
        assert "/akun/masuk/" in r["Location"]

    def test_filters(self, client, dunia):
        baru = ajukan(dunia.a)
        lama = ajukan(dunia.a, pada=timezone.now() - timedelta(days=20))
        milik = sampai(ajukan(dunia.a), "ditindaklanjuti", dunia.petugas)  # taken by the officer
        client.force_login(dunia.petugas)

        def nomor(**q):
            html = client.get(_url_kotak(**q)).content.decode()
            return {p.nomor for p in (baru, lama, milik) if f">{p.nomor}<" in html}

        assert nomor() == {baru.nomor, lama.nomor, milik.nomor}
        assert nomor(status="ditindaklanjuti") == {milik.nomor}
        assert nomor(terlambat="1") == {lama.nomor}
        assert nomor(saya="1") == {milik.nomor}
        assert nomor(q=baru.kode_tampil) == {baru.nomor}  # the complainant reads out their code
        assert nomor(q=lama.nomor) == {lama.nomor}
        assert nomor(status="tidak-ada", unit="x") == {baru.nomor, lama.nomor, milik.nomor}

    def test_tracking_code_is_not_shown_to_staff(self, client, dunia):
        p = ajukan(dunia.a)
        client.force_login(dunia.petugas)
        assert p.kode_tampil not in client.get(_url_kotak()).content.decode()
        assert p.kode_tampil not in client.get(reverse("pengaduan:staf_detail", args=[p.pk])).content.decode()

    def test_query_count_is_constant(self, client, dunia, django_assert_num_queries):
        client.force_login(dunia["pengelola_pengaduan_instansi"])
        for _ in range(2):
            sampai(ajukan(dunia.a), "ditindaklanjuti", dunia.petugas)
        with django_assert_num_queries(KOTAK_MASUK_QUERIES):
            client.get(_url_kotak())
        for i in range(12):
            p = ajukan(dunia.b if i % 2 else dunia.a, pada=timezone.now() - timedelta(days=i * 3))
            if i % 3 == 0:
                services.pengaduan_tugaskan(
                    pengaduan=p,
                    petugas=dunia["pengelola_pengaduan_instansi"],
                    oleh=dunia["pengelola_pengaduan_instansi"],
                )
        from pengaduan import eskalasi

        eskalasi.eskalasi_jalankan()
        with django_assert_num_queries(KOTAK_MASUK_QUERIES):
            client.get(_url_kotak())


class TestDetail:
    def test_actions_follow_the_policy(self, client, dunia):
        p = ajukan(dunia.a)
        url = reverse("pengaduan:staf_detail", args=[p.pk])
        client.force_login(dunia.petugas)
        html = client.get(url).content.decode()
        assert "Nyatakan berkas lengkap" in html
        assert "Nyatakan belum lengkap" in html
        assert "Tolak: diajukan lewat 30 hari" not in html  # filed in time
        assert "Kirim tanggapan" in html
        assert "Simpan catatan" in html
        assert "Tugaskan" in html
        client.force_login(dunia["pembina"])
        html = client.get(url).content.decode()
        assert "Nyatakan berkas lengkap" not in html
        assert "Kirim tanggapan" not in html
        assert "Simpan catatan" in html  # the Pembina may leave an instruction

    def test_late_filing_offers_the_decline(self, client, dunia):
        p = ajukan(dunia.a, tanggal_layanan=timezone.localdate() - timedelta(days=45))
        client.force_login(dunia.petugas)
        html = client.get(reverse("pengaduan:staf_detail", args=[p.pk])).content.decode()
        assert "Pasal 42 ayat (2)" in html
        assert "Tolak: diajukan lewat 30 hari" in html

    def test_query_count(self, client, dunia, django_assert_num_queries):
        p = sampai(ajukan(dunia.a), "ditindaklanjuti", dunia.petugas)
        services.catatan_tulis(pengaduan=p, teks="Catatan", oleh=dunia.petugas)
        client.force_login(dunia.petugas)
        with django_assert_num_queries(DETAIL_QUERIES):
            client.get(reverse("pengaduan:staf_detail", args=[p.pk]))
        for i in range(5):
            services.catatan_tulis(pengaduan=p, teks=f"Catatan {i}", oleh=dunia["kepala_unit"])
            services.tanggapan_tulis(pengaduan=p, teks=f"Tanggapan {i}", oleh=dunia["admin_unit"])
        with django_assert_num_queries(DETAIL_QUERIES):
            client.get(reverse("pengaduan:staf_detail", args=[p.pk]))


class TestActionsOverHttp:
    def test_walk_through_the_lifecycle(self, client, dunia):
        p = ajukan(dunia.a)
        client.force_login(dunia.petugas)

        def langkah(nama, **data):
            r = client.post(reverse("pengaduan:staf_langkah", args=[p.pk, nama]), data)
            assert r.status_code == 302, r.content.decode()[:2000]
            p.refresh_from_db()
            return p.status

        assert langkah("lengkap", teks="Berkas lengkap.") == "lengkap"
        assert langkah("tindak_lanjuti") == "ditindaklanjuti"
        assert langkah("putuskan", hasil="ditolak", teks="Tarif sudah sesuai Perbup.") == "diputuskan"
        assert langkah("beritahukan", teks="Surat dikirim.") == "diberitahukan"
        assert (p.hasil, p.petugas) == ("ditolak", dunia.petugas)

    def test_refused_step_keeps_the_text(self, client, dunia):
        p = sampai(ajukan(dunia.a), "ditindaklanjuti", dunia.petugas)
        client.force_login(dunia.petugas)
        r = client.post(
            reverse("pengaduan:staf_langkah", args=[p.pk, "putuskan"]), {"teks": "Keputusan panjang saya"}
        )
        assert r.status_code == 400
        html = r.content.decode()
        assert "selesai atau ditolak" in html
        assert "Keputusan panjang saya" in html

    def test_wrong_state_or_role(self, client, dunia):
        p = ajukan(dunia.a)
        client.force_login(dunia.petugas)
        r = client.post(
            reverse("pengaduan:staf_langkah", args=[p.pk, "putuskan"]), {"teks": "x", "hasil": "selesai"}
        )
        assert r.status_code == 400
        assert "tidak dapat dilakukan" in r.content.decode()
        assert client.post(reverse("pengaduan:staf_langkah", args=[p.pk, "hapus"])).status_code == 404
        client.force_login(dunia["pembina"])
        assert client.post(reverse("pengaduan:staf_langkah", args=[p.pk, "lengkap"])).status_code == 403
        client.force_login(dunia.petugas)
        # The complainant's steps cannot be taken from a staff account.
        p = sampai(p, "tidak_lengkap", dunia.petugas)
        assert (
            client.post(reverse("pengaduan:staf_langkah", args=[p.pk, "lengkapi"]), {"teks": "x"}).status_code
            == 403
        )

    def test_assignment(self, client, dunia):
        p = ajukan(dunia.a)
        client.force_login(dunia["kepala_unit"])
        r = client.post(reverse("pengaduan:staf_tugaskan", args=[p.pk]), {"petugas": dunia["admin_unit"].pk})
        assert r.status_code == 302
        p.refresh_from_db()
        assert p.petugas == dunia["admin_unit"]
        # Someone who may not handle it is not even offered.
        r = client.post(reverse("pengaduan:staf_tugaskan", args=[p.pk]), {"petugas": dunia["pembina"].pk})
        assert r.status_code == 400
        client.force_login(dunia.petugas)
        assert client.post(reverse("pengaduan:staf_tugaskan", args=[p.pk]), {"ambil": "1"}).status_code == 302
        p.refresh_from_db()
        assert p.petugas == dunia.petugas

    def test_response_and_note(self, client, dunia):
        p = ajukan(dunia.a)
        client.force_login(dunia.petugas)
        client.post(reverse("pengaduan:staf_tanggapan", args=[p.pk]), {"teks": "Kami periksa."})
        client.post(reverse("pengaduan:staf_catatan", args=[p.pk]), {"teks": "Catatan-internal-123"})
        assert p.riwayat_set.filter(jenis="tanggapan", teks="Kami periksa.", publik=True).exists()
        assert CatatanInternal.objects.filter(pengaduan=p, teks="Catatan-internal-123").exists()
        html = client.get(reverse("pengaduan:staf_detail", args=[p.pk])).content.decode()
        assert "Kami periksa." in html
        assert "Catatan-internal-123" in html
        assert "catatan internal" in html
        r = client.post(reverse("pengaduan:staf_tanggapan", args=[p.pk]), {"teks": ""})
        assert r.status_code == 400


class TestSettings:
    def test_kepala_sets_the_promise(self, client, dunia):
        url = reverse("pengaduan:staf_pengaturan", args=[dunia.a.slug])
        client.force_login(dunia["kepala_unit"])
        assert client.post(url, {"janji_tanggapan": "5", "janji_keputusan": ""}).status_code == 302
        s = PengaturanPengaduanUnit.objects.get(unit=dunia.a)
        assert (s.janji_tanggapan_hari_kerja, s.janji_keputusan_hari_kerja) == (5, None)
        assert client.post(url, {"janji_tanggapan": "0"}).status_code == 200  # form error, shown again
        # Applies to complaints filed afterwards.
        p = ajukan(dunia.a)
        hari = timezone.localdate(p.diterima_pada)
        from pelayanan.hari_kerja import add_working_days

        assert p.batas_tanggapan == min(hari + timedelta(days=14), add_working_days(hari, 5, dunia.x))

    @pytest.mark.parametrize("peran", ["pengelola_pengaduan_unit", "pembina", "kepala_unit_lain"])
    def test_others_may_not(self, client, dunia, peran):
        from pelayanan.choices import Peran
        from tests.factories import grant, user_factory

        if peran == "kepala_unit_lain":
            user = user_factory(email="kb@uji.example")
            grant(user, Peran.KEPALA_UNIT, unit=dunia.b)
        else:
            user = dunia[peran]
        client.force_login(user)
        assert client.get(reverse("pengaduan:staf_pengaturan", args=[dunia.a.slug])).status_code == 403


def test_navigation(client, dunia):
    client.force_login(dunia.petugas)
    html = client.get(reverse("pengaduan:beranda")).content.decode()
    assert reverse("pengaduan:staf_kotak") in html
    assert "Aduan masuk" in html
    client.force_login(dunia["evaluator"])
    assert reverse("pengaduan:staf_kotak") not in client.get(reverse("pengaduan:beranda")).content.decode()
    client.logout()
    html = client.get(reverse("pelayanan:beranda")).content.decode()
    assert reverse("pengaduan:beranda") in html


def test_unit_profile_links_to_filing_and_statistics(client, dunia):
    html = client.get(reverse("pelayanan:unit_profil", args=[dunia.a.slug])).content.decode()
    assert f"{reverse('pengaduan:ajukan')}?unit={dunia.a.slug}" in html
    assert reverse("pengaduan:statistik_unit", args=[dunia.a.slug]) in html
