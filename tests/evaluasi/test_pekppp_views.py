"""PEKPPP pages: the instansi list, starting, scoring per aspect (input kept when refused),
finalising, the result, evidence downloads behind the policy, permissions and query counts."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from evaluasi import pekppp
from evaluasi.choices import StatusPenilaianPEKPPP
from evaluasi.models import PenilaianPEKPPP, SkorIndikator
from pelayanan.choices import Peran
from tests.evaluasi.test_pekppp import HAND, PDF, Usulan, isi_semua, row
from tests.factories import UnitFactory, grant, user_factory

pytestmark = pytest.mark.django_db

# Queries of the assessment page, whatever the number of scores, notes and files. Each request
# runs in a transaction (ATOMIC_REQUESTS), a savepoint inside the test's: 2. Signed in: the
# session and the user: 2; the user's role grants (pelayanan.policy, once per request): 1.
# The page: the assessment with unit, instansi and evaluator; its score rows with indicator
# and aspect: 2. A final one adds the stored breakdown (its audit entry): 1.
DETAIL_DRAF_QUERIES = 2 + 2 + 1 + 2
DETAIL_FINAL_QUERIES = DETAIL_DRAF_QUERIES + 1
# The list: savepoints 2, session and user 2, grants 1, the instansi 1, the years with
# assessments 1, the units 1 and their assessments of the year (with evaluator) 1.
LIST_QUERIES = 2 + 2 + 1 + 1 + 1 + 2


@pytest.fixture
def unit():
    return UnitFactory(nama="Dinas Penanaman Modal Uji")


@pytest.fixture
def unit_lain(unit):
    return UnitFactory(nama="Kecamatan Uji", instansi=unit.instansi)


@pytest.fixture
def evaluator(unit):
    user = user_factory(email="evaluator@uji.example", nama_lengkap="Evaluator Uji")
    grant(user, Peran.EVALUATOR, instansi=unit.instansi)
    return user


@pytest.fixture
def admin_unit(unit):
    user = user_factory(email="admin@uji.example", nama_lengkap="Admin Unit Uji")
    grant(user, Peran.ADMIN_UNIT, unit=unit)
    return user


@pytest.fixture
def evaluator_lain(db):
    user = user_factory(email="evaluator.lain@uji.example")
    grant(user, Peran.EVALUATOR, instansi=UnitFactory().instansi)
    return user


@pytest.fixture(autouse=True)
def usulan(monkeypatch):
    data = {
        "sp_tersedia": Usulan(5, "Semua 3 layanan aktif memiliki standar pelayanan terbit."),
        "sp_partisipasi": Usulan(3, "Konsultasi publik dengan 2 kategori pemangku."),
    }
    monkeypatch.setattr(pekppp, "_usulan", lambda unit, tahun: data)


@pytest.fixture
def penilaian(unit, evaluator):
    return pekppp.penilaian_buat(unit=unit, tahun=timezone.localdate().year, oleh=evaluator)


def url(p):
    return reverse("evaluasi:pekppp", kwargs={"pk": p.pk})


def post_aspek(penilaian, kode, data: dict[int, dict], files=None) -> dict:
    """POST data for one aspect's form: {indicator number: {field: value}}."""
    out = {"aspek": kode}
    for nomor, fields in data.items():
        r = row(penilaian, nomor)
        for name, value in fields.items():
            out[f"s{r.pk}-{name}"] = value
    for nomor, f in (files or {}).items():
        out[f"s{row(penilaian, nomor).pk}-bukti"] = f
    return out


# --- the list -------------------------------------------------------------------------------------


def test_list_shows_units_and_lets_evaluators_start(client, unit, unit_lain, evaluator, penilaian):
    client.force_login(evaluator)
    page = client.get(reverse("evaluasi:pekppp_list", kwargs={"instansi": unit.instansi.slug}))
    assert page.status_code == 200
    html = page.content.decode()
    assert unit.nama in html
    assert unit_lain.nama in html
    assert html.count("Mulai penilaian") == 1  # only the unit without an assessment
    assert "Lanjutkan penilaian" in html
    assert f'href="{reverse("evaluasi:pekppp_beranda")}"' in html  # the navigation link for evaluators
    tahun = timezone.localdate().year
    r = client.post(
        reverse("evaluasi:pekppp_mulai", kwargs={"instansi": unit.instansi.slug}),
        {"unit": unit_lain.pk, "tahun": tahun},
    )
    baru = PenilaianPEKPPP.objects.get(unit=unit_lain, tahun=tahun)
    assert r.status_code == 302
    assert r["Location"] == url(baru)
    # Twice: refused with a message, nothing new.
    r = client.post(
        reverse("evaluasi:pekppp_mulai", kwargs={"instansi": unit.instansi.slug}),
        {"unit": unit_lain.pk, "tahun": tahun},
        follow=True,
    )
    assert "sudah ada" in r.content.decode()
    assert PenilaianPEKPPP.objects.count() == 2


def test_list_shows_final_results(client, unit, evaluator, penilaian):
    isi_semua(penilaian, evaluator, HAND)
    pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
    pembina = user_factory(email="bupati@uji.example")
    grant(pembina, Peran.PEMBINA, instansi=unit.instansi)
    client.force_login(pembina)
    html = client.get(
        reverse("evaluasi:pekppp_list", kwargs={"instansi": unit.instansi.slug})
    ).content.decode()
    assert "3,43" in html
    assert "68,60" in html
    assert 'data-kategori="B-"' in html
    assert "Mulai penilaian" not in html  # the Pembina reads, does not score
    assert f'href="{reverse("evaluasi:pekppp_beranda")}"' not in html  # the navigation link: evaluators


def test_list_permissions(client, unit, admin_unit, evaluator_lain):
    list_url = reverse("evaluasi:pekppp_list", kwargs={"instansi": unit.instansi.slug})
    assert client.get(list_url)["Location"].startswith(reverse("pelayanan:login"))
    client.force_login(admin_unit)  # unit staff read their own unit's assessment, not the instansi
    assert client.get(list_url).status_code == 403
    client.force_login(evaluator_lain)
    assert client.get(list_url).status_code == 403
    r = client.post(
        reverse("evaluasi:pekppp_mulai", kwargs={"instansi": unit.instansi.slug}),
        {"unit": unit.pk, "tahun": timezone.localdate().year},
    )
    assert r.status_code == 403
    assert not PenilaianPEKPPP.objects.exists()


def test_navigation_link_leads_to_the_instansi(client, unit, evaluator):
    client.force_login(evaluator)
    r = client.get(reverse("evaluasi:pekppp_beranda"))
    assert r["Location"] == reverse("evaluasi:pekppp_list", kwargs={"instansi": unit.instansi.slug})


def test_list_query_count_is_constant(client, django_assert_num_queries, unit, evaluator, penilaian):
    list_url = reverse("evaluasi:pekppp_list", kwargs={"instansi": unit.instansi.slug})
    client.force_login(evaluator)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(list_url).status_code == 200
    for _ in range(4):
        u = UnitFactory(instansi=unit.instansi)
        pekppp.penilaian_buat(unit=u, tahun=penilaian.tahun, oleh=evaluator)
        pekppp.penilaian_buat(unit=u, tahun=penilaian.tahun - 1, oleh=evaluator)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(list_url).status_code == 200


# --- the assessment page ----------------------------------------------------------------------------


def test_page_groups_indicators_and_shows_proposals(client, evaluator, penilaian):
    client.force_login(evaluator)
    page = client.get(url(penilaian))
    assert page.status_code == 200
    html = page.content.decode()
    for kode in ("I", "II", "III", "IV", "V", "VI"):
        assert f'id="aspek-{kode}"' in html
    assert 'id="aspek-T"' not in html  # indicator 31 is not scored
    assert html.count('name="aspek"') == 6  # one form per aspect
    assert "Usulan portal: skor 5" in html
    assert "Semua 3 layanan aktif memiliki standar pelayanan terbit." in html
    assert html.count("-alasan_beda") >= 2  # reason fields where there is a proposal
    assert f'name="s{row(penilaian, 10).pk}-alasan_beda"' not in html  # none where there is none
    assert 'enctype="multipart/form-data"' in html
    assert "0 dari 30 indikator" in html
    assert "style=" not in html.split('<main id="konten"')[1]
    assert "<script>" not in html


def test_saving_an_aspect(client, evaluator, penilaian):
    client.force_login(evaluator)
    data = post_aspek(
        penilaian,
        "I",
        {
            1: {"skor": "5", "catatan": "Standar lengkap."},
            2: {"skor": "2", "catatan": "", "alasan_beda": "Hanya satu kategori pemangku hadir."},
            3: {"skor": "3", "catatan": "Papan dan laman."},
        },
        files={3: SimpleUploadedFile("foto papan.pdf", PDF)},
    )
    r = client.post(url(penilaian), data)
    assert r.status_code == 302
    assert r["Location"] == url(penilaian) + "#aspek-I"
    assert (row(penilaian, 1).skor, row(penilaian, 1).catatan) == (5, "Standar lengkap.")
    assert (row(penilaian, 2).skor, row(penilaian, 2).alasan_beda) == (
        2,
        "Hanya satu kategori pemangku hadir.",
    )
    assert row(penilaian, 3).bukti.name.endswith(".pdf")
    assert row(penilaian, 4).skor is None
    html = client.get(url(penilaian)).content.decode()
    assert "3 dari 30 indikator" in html
    assert reverse("evaluasi:pekppp_bukti", kwargs={"pk": row(penilaian, 3).pk}) in html
    assert "/media/" not in html


def test_override_without_reason_keeps_the_input(client, evaluator, penilaian):
    client.force_login(evaluator)
    data = post_aspek(
        penilaian,
        "I",
        {
            1: {"skor": "2", "catatan": "Catatan yang <b>panjang</b> tetap ada", "alasan_beda": ""},
            3: {"skor": "4", "catatan": "baris lain juga tetap"},
        },
    )
    r = client.post(url(penilaian), data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "berbeda dari usulan portal (5): tuliskan alasannya" in html
    assert "Catatan yang &lt;b&gt;panjang&lt;/b&gt; tetap ada" in html
    assert "baris lain juga tetap" in html
    r1 = row(penilaian, 1)
    assert re.search(rf'name="s{r1.pk}-skor"[^>]*>.*?<option value="2" selected>', html, re.S)
    # Nothing of the aspect was saved.
    assert SkorIndikator.objects.filter(penilaian=penilaian, skor__isnull=False).count() == 0


def test_bad_upload_is_refused_in_the_page(client, evaluator, penilaian):
    client.force_login(evaluator)
    data = post_aspek(
        penilaian,
        "II",
        {10: {"skor": "4", "catatan": "ok"}, 11: {"skor": "3", "catatan": "dengan bukti"}},
        files={11: SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")},
    )
    r = client.post(url(penilaian), data)
    assert r.status_code == 400
    assert "bukan PDF atau gambar (JPEG/PNG) yang sah" in r.content.decode()
    assert SkorIndikator.objects.filter(penilaian=penilaian, skor__isnull=False).count() == 0
    assert SkorIndikator.objects.filter(penilaian=penilaian).exclude(bukti="").count() == 0


def test_final_and_result(client, evaluator, admin_unit, penilaian):
    client.force_login(evaluator)
    r = client.post(reverse("evaluasi:pekppp_final", kwargs={"pk": penilaian.pk}), follow=True)
    assert "belum diberi skor" in r.content.decode()
    isi_semua(penilaian, evaluator, HAND)
    r = client.post(reverse("evaluasi:pekppp_final", kwargs={"pk": penilaian.pk}))
    assert r["Location"] == url(penilaian) + "#hasil"
    penilaian.refresh_from_db()
    assert penilaian.status == StatusPenilaianPEKPPP.FINAL
    for user in (evaluator, admin_unit):
        client.force_login(user)
        html = client.get(url(penilaian)).content.decode()
        assert 'id="hasil"' in html
        assert "3,43" in html
        assert "68,60" in html
        assert 'data-kategori="B-"' in html
        assert "Baik (Dengan Catatan)" in html
        assert "<svg" in html  # the chart of the aspects
        assert "55,80" in html  # aspect III in the table next to it
        assert "10,04" in html  # its contribution
        assert 'name="aspek"' not in html  # no forms on a final assessment
    # Posting to a final assessment changes nothing.
    client.force_login(evaluator)
    r = client.post(url(penilaian), post_aspek(penilaian, "II", {10: {"skor": "0"}}), follow=True)
    assert "sudah final" in r.content.decode()
    assert row(penilaian, 10).skor == 5


def test_unit_admin_reads_but_cannot_score(client, admin_unit, evaluator, penilaian):
    pekppp.skor_simpan(
        skor_row=row(penilaian, 10), skor=4, catatan="Jam layanan diperpanjang.", oleh=evaluator
    )
    client.force_login(admin_unit)
    page = client.get(url(penilaian))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Jam layanan diperpanjang." in html
    assert 'name="aspek"' not in html
    assert "Finalkan penilaian" not in html
    r = client.post(url(penilaian), post_aspek(penilaian, "II", {10: {"skor": "1"}}))
    assert r.status_code == 403
    assert client.post(reverse("evaluasi:pekppp_final", kwargs={"pk": penilaian.pk})).status_code == 403
    assert row(penilaian, 10).skor == 4


def test_page_permissions(client, evaluator_lain, penilaian):
    assert client.get(url(penilaian))["Location"].startswith(reverse("pelayanan:login"))
    client.force_login(evaluator_lain)
    assert client.get(url(penilaian)).status_code == 403
    assert client.post(url(penilaian), post_aspek(penilaian, "II", {10: {"skor": "1"}})).status_code == 403
    warga = user_factory(email="warga@uji.example")
    client.force_login(warga)
    assert client.get(url(penilaian)).status_code == 403


# --- evidence files -----------------------------------------------------------------------------------


def test_evidence_only_through_the_checked_view(client, evaluator, admin_unit, evaluator_lain, penilaian):
    r = pekppp.skor_simpan(
        skor_row=row(penilaian, 11), skor=4, bukti=SimpleUploadedFile("sk.pdf", PDF), oleh=evaluator
    )
    bukti_url = reverse("evaluasi:pekppp_bukti", kwargs={"pk": r.pk})
    assert client.get(bukti_url)["Location"].startswith(reverse("pelayanan:login"))
    for user in (evaluator, admin_unit):
        client.force_login(user)
        resp = client.get(bukti_url)
        assert resp.status_code == 200
        assert b"".join(resp.streaming_content) == PDF
        assert resp["Content-Type"] == "application/pdf"
        assert resp["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in resp["Content-Disposition"]
    client.force_login(evaluator_lain)
    assert client.get(bukti_url).status_code == 403
    client.force_login(evaluator)
    no_file = reverse("evaluasi:pekppp_bukti", kwargs={"pk": row(penilaian, 12).pk})
    assert client.get(no_file).status_code == 404


# --- query counts -------------------------------------------------------------------------------------


def test_assessment_page_query_count_is_exact(client, django_assert_num_queries, evaluator, penilaian):
    client.force_login(evaluator)
    with django_assert_num_queries(DETAIL_DRAF_QUERIES):
        assert client.get(url(penilaian)).status_code == 200
    # Scores, notes and files everywhere: the same number of queries.
    isi_semua(penilaian, evaluator, HAND)
    for nomor in (3, 11, 20):
        pekppp.skor_simpan(
            skor_row=row(penilaian, nomor),
            skor=HAND[nomor],
            catatan="catatan",
            bukti=SimpleUploadedFile("b.pdf", PDF),
            oleh=evaluator,
        )
    with django_assert_num_queries(DETAIL_DRAF_QUERIES):
        assert client.get(url(penilaian)).status_code == 200
    pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
    with django_assert_num_queries(DETAIL_FINAL_QUERIES):
        assert client.get(url(penilaian)).status_code == 200
