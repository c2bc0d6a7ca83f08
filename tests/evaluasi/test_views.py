"""SKM pages: the questionnaire (one per visit, rate limit, errors), the public results
(published only, constant query counts), the staff pages and their permissions."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluasi import services, unsur
from evaluasi.choices import Kanal, StatusTindakLanjut
from evaluasi.models import JawabanSKM, RencanaTindakLanjut
from pelayanan.choices import Peran
from tests.evaluasi.helpers import admin_of, isi, periode_berjalan
from tests.factories import TEST_PASSWORD, LayananFactory, UnitFactory, grant, user_factory

pytestmark = pytest.mark.django_db

# Queries of the public results pages, whatever the number of periods, services, follow-ups.
# Each request runs in a transaction (ATOMIC_REQUESTS), a savepoint inside the test's: 2.
# Results list: count, page of periods, summaries grouped per period, follow-ups grouped per
# period, the instansi filter = 5 + 2. One period: the period, its summary rows (with their
# services), its follow-ups = 3 + 2.
HASIL_LIST_QUERIES = 7
HASIL_QUERIES = 5

JAWABAN_POST = {u.kolom: str(v) for u, v in zip(unsur.UNSUR, (4, 3, 3, 4, 3, 4, 4, 3, 3), strict=True)}


@pytest.fixture
def unit():
    return UnitFactory(nama="Dinas Kependudukan Uji")


@pytest.fixture
def layanan(unit):
    return LayananFactory(unit=unit, nama="Penerbitan Akta Kelahiran")


@pytest.fixture
def admin(unit):
    return admin_of(unit, email="admin.skm@uji.example")


@pytest.fixture
def periode(unit, admin, layanan):
    return periode_berjalan(unit, admin, populasi=100)


def kuesioner_url(layanan):
    layanan.refresh_from_db()
    return reverse("evaluasi:kuesioner", kwargs={"kode": layanan.tautan_skm.kode})


def published(unit, admin, layanan, rows, rtl=0):
    p = periode_berjalan(unit, admin)
    isi(p, layanan, rows)
    p = services.periode_transisi(periode=p, langkah="akhiri", oleh=admin)
    p = services.periode_publish(periode=p, oleh=admin)
    for i in range(rtl):
        services.rtl_create(
            periode=p,
            unsur_kode=f"U{i % 9 + 1}",
            tindakan=f"Tindakan {i}",
            penanggung_jawab="Kabid",
            batas_waktu=timezone.localdate() + timedelta(days=10),
            oleh=admin,
        )
    return p


# --- the questionnaire ------------------------------------------------------------------------


def test_questionnaire_has_a_radio_group_per_unsur(client, periode, layanan):
    response = client.get(kuesioner_url(layanan))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 10  # nine questions and the optional profile
    assert html.count("<legend") == 10
    for u in unsur.UNSUR:
        assert str(u.pertanyaan) in html
        assert html.count(f'name="{u.kolom}"') == 4
    # Questionnaire order: sarana (U9) is question 8, complaints (U8) question 9.
    assert html.index('id="pertanyaan-u9"') < html.index('id="pertanyaan-u8"')
    assert "Sangat sopan dan ramah" in html
    assert "<script>" not in html  # no inline JavaScript


def test_one_response_per_visit(client, periode, layanan):
    url = kuesioner_url(layanan)
    response = client.post(url, {**JAWABAN_POST, "usia": "20-29", "saran": "Bagus"})
    assert response.status_code == 302
    assert response["Location"].endswith("/terima-kasih/")
    cookie = services.nama_cookie(periode, layanan)
    assert cookie in response.cookies
    assert response.cookies[cookie]["httponly"]
    assert JawabanSKM.objects.get().usia == "20-29"
    # Back again in the same browser: thanked, not asked again; a second post is not saved.
    assert "sudah mengisi" in client.get(url).content.decode()
    client.post(url, JAWABAN_POST)
    assert JawabanSKM.objects.count() == 1
    # A forged cookie does not count.
    other = client.__class__()
    other.cookies[cookie] = "palsu"
    assert other.post(url, JAWABAN_POST).status_code == 302
    assert JawabanSKM.objects.count() == 2


def test_rate_limit_per_address(client, settings, periode, layanan):
    settings.SKM_BATAS_PER_ALAMAT = (2, 3600)
    url = kuesioner_url(layanan)
    for _ in range(2):
        assert client.__class__().post(url, JAWABAN_POST, REMOTE_ADDR="10.1.1.1").status_code == 302
    response = client.__class__().post(url, JAWABAN_POST, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert JawabanSKM.objects.count() == 2


def test_errors_are_shown_next_to_the_question_and_input_is_kept(client, periode, layanan):
    data = {**JAWABAN_POST, "saran": "Antrean <b>lama</b>"}
    del data["u3"]
    response = client.post(kuesioner_url(layanan), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="galat-u3"' in html
    assert 'aria-describedby="galat-u3"' in html
    assert "Pilih salah satu jawaban." in html
    assert 'href="#pertanyaan-u3"' in html  # the summary links to the question
    assert re.search(r'name="u1" value="4" id="[^"]+" required checked', html)
    assert "Antrean &lt;b&gt;lama&lt;/b&gt;" in html  # kept, and escaped
    assert not JawabanSKM.objects.exists()


def _di_dalam_form(html: str, penanda: str) -> bool:
    """Is `penanda` inside a <form> of the page (the last form opened before it is still open)?"""
    i = html.index(penanda)
    return html.rfind("<form", 0, i) > html.rfind("</form>", 0, i)


def test_a_refused_questionnaire_puts_its_error_summary_inside_the_form(client, periode, layanan):
    """static/js/portal.js gives the focus to the first `form [role=alert]` of a refused page
    (the radios carry no aria-invalid): the summary must be inside the form to be reached."""
    data = dict(JAWABAN_POST)
    del data["u3"]
    html = client.post(kuesioner_url(layanan), data).content.decode()
    assert _di_dalam_form(html, 'role="alert" id="ringkasan-galat"')


def test_questionnaire_when_no_period_runs(client, unit, admin, layanan, periode):
    services.periode_transisi(periode=periode, langkah="akhiri", oleh=admin)
    response = client.get(kuesioner_url(layanan))
    assert response.status_code == 200
    assert "sedang tidak dibuka" in response.content.decode()
    assert client.post(kuesioner_url(layanan), JAWABAN_POST).status_code == 200
    assert not JawabanSKM.objects.exists()
    assert client.get(reverse("evaluasi:kuesioner", kwargs={"kode": "tidakada"})).status_code == 404


# --- public results ---------------------------------------------------------------------------


def test_results_are_public_only_once_published(client, unit, admin, layanan, periode):
    isi(periode, layanan, [(4,) * 9])
    assert client.get(reverse("evaluasi:hasil", kwargs={"pk": periode.pk})).status_code == 404
    assert "Belum ada hasil" in client.get(reverse("evaluasi:hasil_list")).content.decode()


def test_results_page_shows_bars_table_and_method(client, unit, admin, layanan):
    p = published(unit, admin, layanan, [(4, 4, 2, 4, 4, 4, 4, 3, 4)] * 4, rtl=1)
    html = client.get(reverse("evaluasi:hasil", kwargs={"pk": p.pk})).content.decode()
    assert "skm-batang" in html
    assert "<table" in html
    assert "lebar-50" in html  # U3: NRR 2 -> 50.00 (a width class: the CSP forbids style="")
    assert "50,00" in html  # the numbers, in Indonesian notation
    # IKM: (4·7 + 2 + 3) / 9 × 25 = 33/9 × 25 = 91.666… -> 91,67, mutu A
    assert "91,67" in html
    assert "Sangat baik" in html
    assert "Krejcie" in html
    assert "kurang 76 dari sampel minimal" in html
    assert "Tindakan 0" in html


def test_results_list_filters_by_instansi(client, unit, admin, layanan):
    published(unit, admin, layanan, [(3,) * 9])
    other_unit = UnitFactory()
    published(other_unit, admin_of(other_unit), LayananFactory(unit=other_unit), [(2,) * 9])
    html = client.get(reverse("evaluasi:hasil_list")).content.decode()
    assert unit.nama in html
    assert other_unit.nama in html
    html = client.get(reverse("evaluasi:hasil_list"), {"instansi": unit.instansi.slug}).content.decode()
    assert unit.nama in html
    assert other_unit.nama not in html


def test_public_results_query_counts_are_constant(client, django_assert_num_queries, unit, admin, layanan):
    p = published(unit, admin, layanan, [(3,) * 9], rtl=1)
    with django_assert_num_queries(HASIL_LIST_QUERIES):
        assert client.get(reverse("evaluasi:hasil_list")).status_code == 200
    with django_assert_num_queries(HASIL_QUERIES):
        assert client.get(reverse("evaluasi:hasil", kwargs={"pk": p.pk})).status_code == 200
    # More units, services, responses and follow-ups: the same number of queries.
    for _ in range(3):
        u = UnitFactory(instansi=unit.instansi)
        a = admin_of(u)
        lay = [LayananFactory(unit=u) for _ in range(3)]
        q = periode_berjalan(u, a)
        for x in lay:
            isi(q, x, [(4,) * 9, (2,) * 9])
        services.periode_transisi(periode=q, langkah="akhiri", oleh=a)
        q = services.periode_publish(periode=q, oleh=a)
        for k in range(4):
            services.rtl_create(
                periode=q,
                unsur_kode="U1",
                tindakan=str(k),
                penanggung_jawab="x",
                batas_waktu=timezone.localdate(),
                oleh=a,
            )
    with django_assert_num_queries(HASIL_LIST_QUERIES):
        assert client.get(reverse("evaluasi:hasil_list")).status_code == 200
    with django_assert_num_queries(HASIL_QUERIES):
        assert client.get(reverse("evaluasi:hasil", kwargs={"pk": q.pk})).status_code == 200


def test_unit_profile_shows_the_latest_results(client, unit, admin, layanan):
    p = published(unit, admin, layanan, [(4,) * 9])
    html = client.get(unit.get_absolute_url()).content.decode()
    assert "100,00" in html
    assert p.get_absolute_url() in html
    assert "Survei kepuasan" in client.get("/").content.decode()  # the navigation link


# --- staff pages and permissions -----------------------------------------------------------------


def login(client, user):
    assert client.login(username=user.email, password=TEST_PASSWORD)


STAFF_GETS = ["unit", "periode_baru", "qr", "periode", "periode_ubah", "kertas", "impor", "tindak_lanjut"]


def _url(name, unit, periode):
    if name in ("unit", "periode_baru", "qr"):
        return reverse(f"evaluasi:{name}", kwargs={"unit": unit.slug})
    return reverse(f"evaluasi:{name}", kwargs={"pk": periode.pk})


@pytest.mark.parametrize("name", STAFF_GETS)
def test_staff_pages_for_the_units_admin(client, admin, unit, periode, name):
    login(client, admin)
    assert client.get(_url(name, unit, periode)).status_code == 200


def test_the_workspace_links_to_the_units_survey_pages(client, admin, unit):
    url = reverse("evaluasi:unit", kwargs={"unit": unit.slug})
    login(client, admin)
    assert f'href="{url}"' in client.get(reverse("pelayanan:ruang_kerja")).content.decode()
    warga = user_factory()
    client.force_login(warga)
    assert url not in client.get(reverse("pelayanan:ruang_kerja")).content.decode()


@pytest.mark.parametrize("name", STAFF_GETS)
def test_another_units_admin_gets_403(client, unit, periode, name):
    other = admin_of(UnitFactory(instansi=unit.instansi))
    login(client, other)
    assert client.get(_url(name, unit, periode)).status_code == 403


@pytest.mark.parametrize("name", STAFF_GETS)
def test_visitors_are_sent_to_login(client, unit, periode, name):
    response = client.get(_url(name, unit, periode))
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


def test_another_units_admin_cannot_post(client, unit, periode, layanan):
    other = admin_of(UnitFactory(instansi=unit.instansi))
    login(client, other)
    url = reverse("evaluasi:periode_langkah", kwargs={"pk": periode.pk, "langkah": "akhiri"})
    assert client.post(url).status_code == 403
    periode.refresh_from_db()
    assert periode.status == "berjalan"
    response = client.post(
        reverse("evaluasi:periode_baru", kwargs={"unit": unit.slug}),
        {"jenis": "tahun", "tahun": "2025", "ke": "1", "populasi": "10"},
    )
    assert response.status_code == 403


def test_pembina_reads_but_does_not_manage(client, unit, periode):
    pembina = user_factory(email="pembina@uji.example")
    grant(pembina, Peran.PEMBINA, instansi=unit.instansi)
    login(client, pembina)
    assert client.get(reverse("evaluasi:periode", kwargs={"pk": periode.pk})).status_code == 200
    assert client.get(reverse("evaluasi:kertas", kwargs={"pk": periode.pk})).status_code == 403


def test_create_period_and_steps_through_the_pages(client, admin, unit, layanan):
    login(client, admin)
    response = client.post(
        reverse("evaluasi:periode_baru", kwargs={"unit": unit.slug}),
        {"jenis": "triwulan", "tahun": "2026", "ke": "2", "populasi": "400", "layanan": [layanan.pk]},
    )
    assert response.status_code == 302
    p = unit.periode_skm_set.get()
    assert (p.label, p.populasi) == ("Triwulan II 2026", 400)
    page = client.get(response["Location"]).content.decode()
    assert "196" in page  # Krejcie–Morgan sample for 400
    assert "kurang 196" in page
    client.post(reverse("evaluasi:periode_langkah", kwargs={"pk": p.pk, "langkah": "mulai"}))
    p.refresh_from_db()
    assert p.status == "berjalan"
    # Errors come back in the form, in Indonesian.
    response = client.post(
        reverse("evaluasi:periode_baru", kwargs={"unit": unit.slug}),
        {"jenis": "triwulan", "tahun": "2026", "ke": "2", "populasi": "0"},
    )
    assert response.status_code == 400
    assert (
        "Periode ini sudah ada" in response.content.decode()
        or "lebih besar dari atau sama dengan 1" in response.content.decode()
    )


def _grid(rows, total=5, layanan=None):
    data = {
        "lembar-TOTAL_FORMS": str(total),
        "lembar-INITIAL_FORMS": "0",
        "lembar-MIN_NUM_FORMS": "0",
        "lembar-MAX_NUM_FORMS": "100",
    }
    if layanan is not None:
        data["batch-layanan"] = str(layanan.pk)
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"lembar-{i}-{k}"] = v
    return data


def test_paper_batch_form(client, admin, periode, layanan):
    login(client, admin)
    url = reverse("evaluasi:kertas", kwargs={"pk": periode.pk})
    page = client.get(url).content.decode()
    assert page.count('class="form-control form-control-sm sel-nilai') == 9 * 20
    assert "Baris 1, pertanyaan 8 (U9 Sarana dan prasarana)" in page  # every cell is labelled
    rows = [JAWABAN_POST, {}, {**JAWABAN_POST, "u9": "1", "jenis_kelamin": "L", "nomor_lembar": "K-7"}]
    response = client.post(url + "?baris=5", _grid(rows, layanan=layanan))
    assert response.status_code == 302
    saved = list(JawabanSKM.objects.order_by("pk"))
    assert len(saved) == 2
    assert saved[1].u9 == 1
    assert saved[1].nomor_lembar == "K-7"
    assert saved[1].kanal == Kanal.KERTAS


def test_paper_batch_errors_keep_the_input_and_save_nothing(client, admin, periode, layanan):
    login(client, admin)
    url = reverse("evaluasi:kertas", kwargs={"pk": periode.pk})
    rows = [JAWABAN_POST, {**JAWABAN_POST, "u4": "9", "nomor_lembar": "K-2"}]
    response = client.post(url + "?baris=5", _grid(rows, layanan=layanan))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="galat-baris-2"' in html
    assert "isi 1–4 pada U4" in html
    assert 'value="9"' in html
    assert 'value="K-2"' in html
    assert 'aria-invalid="true"' in html
    assert not JawabanSKM.objects.exists()


def test_csv_import_page_lists_row_errors(client, admin, periode, layanan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, admin)
    url = reverse("evaluasi:impor", kwargs={"pk": periode.pk})
    berkas = SimpleUploadedFile(
        "skm.csv", f"layanan,u1,u2,u3,u4,u5,u6,u7,u8,u9\n{layanan.nama},4,4,4,4,4,4,4,4,0\n".encode()
    )
    response = client.post(url, {"berkas": berkas})
    assert response.status_code == 400
    html = response.content.decode()
    assert "tidak ada jawaban yang disimpan" in html
    assert "<td>2</td><td><code>u9</code></td>" in html
    # Inside the form, where static/js/portal.js puts the focus on a refusal.
    assert _di_dalam_form(html, 'role="alert" tabindex="-1" id="galat-impor"')
    ok = SimpleUploadedFile("skm.csv", b"u1,u2,u3,u4,u5,u6,u7,u8,u9\n4,4,4,4,4,4,4,4,4\n")
    assert client.post(url, {"berkas": ok, "layanan": layanan.pk}).status_code == 302
    assert JawabanSKM.objects.count() == 1
    contoh = client.get(reverse("evaluasi:impor_contoh", kwargs={"pk": periode.pk}))
    assert contoh["Content-Type"].startswith("text/csv")
    assert b"u1,u2" in contoh.content


def test_follow_up_page_proposes_the_weakest_unsur(client, admin, periode, layanan):
    isi(periode, layanan, [(4, 4, 4, 4, 4, 4, 4, 4, 2)] * 3)
    login(client, admin)
    url = reverse("evaluasi:tindak_lanjut", kwargs={"pk": periode.pk})
    html = client.get(url).content.decode()
    assert '<option value="U9" selected>' in html
    response = client.post(
        url,
        {
            "unsur": "U9",
            "tindakan": "Perbaiki AC ruang tunggu",
            "penanggung_jawab": "Sekretaris",
            "batas_waktu": "2027-01-31",
        },
    )
    assert response.status_code == 302
    rtl = RencanaTindakLanjut.objects.get()
    response = client.post(
        reverse("evaluasi:rtl_ubah", kwargs={"pk": rtl.pk}),
        {f"rtl{rtl.pk}-status": "selesai", f"rtl{rtl.pk}-catatan": "Sudah"},
    )
    assert response.status_code == 302
    rtl.refresh_from_db()
    assert rtl.status == StatusTindakLanjut.SELESAI
    assert rtl.selesai_pada == timezone.localdate()


def test_period_page_lists_flagged_components(client, admin, periode, layanan):
    isi(periode, layanan, [(4, 4, 1, 4, 4, 4, 4, 4, 4)] * 5)
    login(client, admin)
    html = client.get(reverse("evaluasi:periode", kwargs={"pk": periode.pk})).content.decode()
    section = html[html.index('id="tinjauan-komponen"') :]
    assert "Jangka waktu penyelesaian" in section
    assert "25,00" in section
    assert "76,61" in section


def test_qr_page_has_inline_svg_codes(client, admin, unit, layanan):
    login(client, admin)
    html = client.get(reverse("evaluasi:qr", kwargs={"unit": unit.slug})).content.decode()
    layanan.refresh_from_db()
    assert html.count("<svg") == 1
    assert f"/skm/{layanan.tautan_skm.kode}/" in html
    assert "<?xml" not in html


# The survey section of a unit's public profile costs exactly this many queries, whatever the
# state: the unit's published and running periods with their summed summaries, and the short
# links of the running period's services.
UNIT_PROFIL_SKM_QUERIES = 2


def test_unit_profile_section_costs_two_queries(django_assert_num_queries, unit, admin, layanan):
    from evaluasi import selectors

    with django_assert_num_queries(UNIT_PROFIL_SKM_QUERIES):
        skm = selectors.skm_unit(unit)
    assert (skm.terbit, skm.berjalan, skm.tautan) == (None, None, [])
    p = published(unit, admin, layanan, [(4,) * 9, (2,) * 9])
    other = LayananFactory(unit=unit)
    q = services.periode_create(
        unit=unit, jenis="triwulan", tahun=p.tahun, ke=1, populasi=9, layanan=[other], oleh=admin
    )
    q.mulai = timezone.localdate() - timedelta(days=1)
    q.selesai = timezone.localdate() + timedelta(days=1)
    q.save()
    services.periode_transisi(periode=q, langkah="mulai", oleh=admin)
    with django_assert_num_queries(UNIT_PROFIL_SKM_QUERIES):
        skm = selectors.skm_unit(unit)
    assert skm.terbit == p
    assert str(skm.hasil.ikm) == "75.00"
    assert skm.berjalan == q
    assert [t.layanan for t in skm.tautan] == [other]  # only the service the running period covers
