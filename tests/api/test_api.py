"""The open-data API: resources, public slice, filters, pagination, ETag/304, read-only."""

import pytest
from django.urls import reverse

from standar import komponen

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def get(client, url, **params):
    response = client.get(url, params, **JSON)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def ids(data):
    return [r["id"] for r in data["results"]]


def test_root_lists_every_resource(client):
    from api.urls import STATISTIK_PENGADUAN

    data = get(client, "/api/v1/")
    semua = {"komponen", "instansi", "unit", "layanan", "standar", "versi", "maklumat", "konsultasi", "skm"}
    assert set(data) == semua | ({"statistik-pengaduan"} if STATISTIK_PENGADUAN else set())


def test_komponen_registry_in_order_with_the_shape_of_its_content(client):
    data = get(client, "/api/v1/komponen/")
    assert [k["kunci"] for k in data] == list(komponen.KUNCI)
    assert [k["urutan"] for k in data] == list(range(1, 15))
    biaya = get(client, "/api/v1/komponen/biaya/")
    assert biaya["huruf"] == "e"
    assert biaya["kelompok"] == "service_delivery"
    assert [f["nama"] for f in biaya["bentuk_isi"]["kolom_butir"]] == ["uraian", "jumlah", "dasar_hukum"]
    assert client.get("/api/v1/komponen/tidak_ada/", **JSON).status_code == 404


def test_unit_has_its_profile_and_complaint_channels(client, data_api):
    from pelayanan.models import KanalPengaduanUnit

    KanalPengaduanUnit.objects.create(unit=data_api.unit, jenis="telepon", nilai="0271 999")
    data = get(client, f"/api/v1/unit/{data_api.unit.pk}/")
    for key in ["penanggung_jawab_nama", "alamat", "telepon", "email", "alamat_pengaduan", "jam_layanan"]:
        assert data[key] == getattr(data_api.unit, key)
    assert data["kanal_pengaduan"] == [{"jenis": "telepon", "jenis_label": "Telepon", "nilai": "0271 999"}]
    assert data["url_halaman"].endswith(data_api.unit.get_absolute_url())
    assert data["url"].endswith(f"/api/v1/unit/{data_api.unit.pk}/")


def test_standar_has_the_version_in_force_with_14_typed_components_and_every_published_version(
    client, data_api
):
    d = data_api
    data = get(client, f"/api/v1/standar/{d.terbit.standar_id}/")
    assert data["status"] == "terbit"
    berlaku = data["versi_berlaku"]
    assert berlaku["nomor"] == 2
    assert berlaku["sk_nomor"] == "100/2/2026"
    assert berlaku["url_halaman"].endswith("/layanan/dinas-uji-data-terbuka/penerbitan-akta-uji/versi/2/")
    assert [k["kunci"] for k in berlaku["komponen"]] == list(komponen.KUNCI)
    jangka = next(k for k in berlaku["komponen"] if k["kunci"] == "jangka_waktu")
    assert jangka == {
        "kunci": "jangka_waktu",
        "huruf": "d",
        "label": "Jangka waktu penyelesaian",
        "label_en": "Completion time",
        "kelompok": "service_delivery",
        "urutan": 3,
        "jenis": "durasi",
        "lengkap": True,
        "isi": {"jumlah": 2, "satuan": "hari_kerja"},
        "teks": ["2 hari kerja"],
    }
    syarat = next(k for k in berlaku["komponen"] if k["kunci"] == "persyaratan")
    assert [i["id"] for i in syarat["isi"]["items"]][:2] == ["a0000001", "a0000002"]  # stable item ids
    # Every published version, newest first; the draft v3 is not there.
    assert [(v["nomor"], v["status"]) for v in data["versi"]] == [(2, "terbit"), (1, "digantikan")]
    v1 = data["versi"][1]
    assert v1["digantikan_oleh"]["nomor"] == 2
    assert v1["digantikan_pada"] is not None


def test_revoked_standard_shows_its_reason(client, data_api):
    data = get(client, f"/api/v1/versi/{data_api.dicabut.pk}/")
    assert data["status"] == "dicabut"
    assert data["alasan_pencabutan"] == "Layanan dihapus oleh peraturan daerah baru."
    standar = get(client, f"/api/v1/standar/{data_api.dicabut.standar_id}/")
    assert standar["status"] == "dicabut"
    assert standar["versi_berlaku"] is None


@pytest.mark.parametrize("nama", ["versi", "standar", "konsultasi", "maklumat", "skm"])
def test_private_rows_answer_404_like_unknown_ones(client, data_api, nama):
    for pk in data_api.privat[nama]:
        assert client.get(f"/api/v1/{nama}/{pk}/", **JSON).status_code == 404
    listed = {r["id"] for r in get(client, f"/api/v1/{nama}/", page_size=100)["results"]}
    assert not listed & set(data_api.privat[nama])


def test_layanan_with_only_a_draft_has_no_standard(client, data_api):
    data = get(client, f"/api/v1/layanan/{data_api.perbaikan.standar.layanan_id}/")
    assert data["status_standar"] == "belum_terbit"
    assert data["standar_url"] is None
    assert data["versi_berlaku"] is None


def test_closed_round_matrix_names_nobody_and_counts_hidden_comments(client, data_api):
    data = get(client, f"/api/v1/konsultasi/{data_api.putaran.pk}/")
    assert data["versi"] is None  # the round's version is still a draft: not linked, not shown
    assert data["partisipasi"]["komentar_disembunyikan"] == 2
    rows = data["matriks"]
    assert [(r["kunci"], r["penulis"], r["kategori"]) for r in rows] == [
        ("jangka_waktu", "Warga", "masyarakat"),
        ("sarana", "Peserta FKP", "ahli"),
    ]
    assert rows[0]["jawaban"]["keputusan"] == "diterima"
    assert rows[0]["balasan"] == []  # the only reply is hidden
    assert data["pertemuan_fkp"][0]["jumlah_peserta"] == 1


def test_filters_by_instansi_unit_and_date(client, data_api):
    d = data_api
    semua = get(client, "/api/v1/versi/", page_size=100)
    assert semua["count"] == 3
    unit = get(client, "/api/v1/versi/", unit=d.unit.pk)
    assert sorted(ids(unit)) == sorted([d.terbit.pk, d.lama.pk])
    assert ids(get(client, "/api/v1/versi/", instansi=d.unit_lain.instansi_id)) == [d.dicabut.pk]
    assert ids(get(client, "/api/v1/versi/", status="digantikan")) == [d.lama.pk]
    assert get(client, "/api/v1/versi/", diterbitkan_dari="2099-01-01")["count"] == 0
    assert get(client, "/api/v1/versi/", berlaku_dari="2026-01-12", berlaku_sampai="2026-01-12")["count"] == 3
    assert ids(get(client, "/api/v1/layanan/", unit_slug="dinas-uji-lain")) == [d.dicabut.standar.layanan_id]
    assert get(client, "/api/v1/layanan/", status_standar="terbit")["count"] == 1
    assert get(client, "/api/v1/layanan/", q="akta uji")["count"] == 1
    assert ids(get(client, "/api/v1/unit/", instansi=d.unit.instansi_id)) == [d.unit.pk]
    assert get(client, "/api/v1/standar/", status="dicabut")["count"] == 1
    assert get(client, "/api/v1/konsultasi/", unit=d.unit_lain.pk)["count"] == 1
    assert get(client, "/api/v1/maklumat/", unit=d.unit.pk)["count"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {"unit": "abc"},
        {"unit": "0"},
        {"unit": str(2**70)},
        {"diterbitkan_dari": "2026-02-30"},
        {"status": "draf"},
        {"page_size": "x"},
        {"unit_slug": "a\x00b"},
    ],
)
def test_an_invalid_filter_value_answers_400_with_the_reason(client, data_api, params):
    response = client.get("/api/v1/versi/", params, **JSON)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_pagination_is_stable_and_bounded(client, data_api):
    first = get(client, "/api/v1/layanan/", page_size=2)
    assert first["count"] >= 4
    assert len(first["results"]) == 2
    assert first["previous"] is None
    second = client.get(first["next"], **JSON).json()
    assert not set(ids(first)) & set(ids(second))
    assert len(get(client, "/api/v1/layanan/", page_size=1000)["results"]) == first["count"]  # max 100
    assert client.get("/api/v1/layanan/", {"page": 999}, **JSON).status_code == 404


def test_etag_cache_control_and_304(client, data_api):
    url = f"/api/v1/standar/{data_api.terbit.standar_id}/"
    response = client.get(url, **JSON)
    etag = response["ETag"]
    assert etag.startswith('"')
    assert len(etag) > 20
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Accept" in response["Vary"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag, **JSON)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"lain"', **JSON).status_code == 200
    # A change of the data changes the ETag.
    data_api.terbit.standar.layanan.unit.__class__.objects.filter(pk=data_api.unit.pk).update(
        nama="Dinas Baru"
    )
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag, **JSON)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_lists_have_etags_too_and_errors_are_not_cached(client, data_api):
    response = client.get("/api/v1/versi/", **JSON)
    assert client.get("/api/v1/versi/", HTTP_IF_NONE_MATCH=response["ETag"], **JSON).status_code == 304
    missing = client.get("/api/v1/versi/999999/", **JSON)
    assert missing.status_code == 404
    assert "ETag" not in missing


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only_every_write_answers_405(client, data_api, method):
    for url in ["/api/v1/versi/", f"/api/v1/versi/{data_api.terbit.pk}/", "/api/v1/komponen/"]:
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405, (method, url)


def test_a_signed_in_staff_member_sees_nothing_more(client, data_api):
    from tests.api.data import RAHASIA
    from tests.factories import TEST_PASSWORD

    assert client.login(email=RAHASIA["email_staf"], password=TEST_PASSWORD)
    assert client.get(f"/api/v1/versi/{data_api.draf.pk}/", **JSON).status_code == 404
    assert RAHASIA["draf"] not in client.get("/api/v1/versi/?page_size=100", **JSON).content.decode()


def test_labels_stay_indonesian_whatever_the_language_cookie(client, data_api):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = get(client, f"/api/v1/versi/{data_api.terbit.pk}/")
    assert data["status_label"] == "Terbit"
    assert next(k for k in data["komponen"] if k["kunci"] == "jangka_waktu")["teks"] == ["2 hari kerja"]


def test_anonymous_clients_are_throttled(client, settings, data_api):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}
    codes = [client.get("/api/v1/komponen/", **JSON).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # A forged X-Forwarded-For does not reset the count.
    assert client.get("/api/v1/komponen/", HTTP_X_FORWARDED_FOR="10.9.9.9", **JSON).status_code == 429


def test_browsable_api_renders_and_is_not_publicly_cached(client, data_api):
    response = client.get("/api/v1/versi/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "Daftar versi standar" in response.content.decode()
    detail = client.get(f"/api/v1/versi/{data_api.terbit.pk}/", HTTP_ACCEPT="text/html").content.decode()
    assert "Versi standar" in detail
    assert "text/html" in response["Content-Type"]
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


def test_unknown_api_paths_answer_json_404(client):
    for url in ["/api/v1/tidak-ada/", "/api/v1/versi/1.5/", "/api/v1/versi/1/lebih/"]:
        response = client.get(url, **JSON)
        assert response.status_code == 404, url
        assert response.json() == client.get("/api/v1/versi/999999/", **JSON).json()


def test_root_has_an_etag(client):
    response = client.get("/api/v1/", **JSON)
    assert client.get("/api/v1/", HTTP_IF_NONE_MATCH=response["ETag"], **JSON).status_code == 304


def test_urls_resolve(data_api):
    assert reverse("api:versi-detail", kwargs={"pk": 1}) == "/api/v1/versi/1/"


def test_urls_never_carry_the_requests_format(client, data_api):
    data = client.get(f"/api/v1/versi/{data_api.terbit.pk}/", {"format": "json"}).json()
    assert data["url"].endswith(f"/api/v1/versi/{data_api.terbit.pk}/")
    assert data["layanan"]["url"].endswith(f"/api/v1/layanan/{data_api.terbit.standar.layanan_id}/")


def test_docs_page_works_without_internet(client):
    import re

    from django.contrib.staticfiles import finders

    html = client.get("/api/v1/docs/").content.decode()
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs
    # Swagger UI's start-up script is served by the docs view itself (no inline script: CSP).
    skrip = [ref for ref in refs if ref.startswith("/api/v1/docs/?")]
    assert len(skrip) == 1
    for ref in refs:
        if ref in skrip:
            continue
        assert ref.startswith("/static/"), ref  # nothing from a CDN
        assert finders.find(ref.removeprefix("/static/")), ref
    js = client.get(skrip[0].replace("&amp;", "&"))
    assert js["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in js.content.decode()
    assert '"validatorUrl": null' in js.content.decode()


def test_schema_lists_every_endpoint(client):
    from api.urls import STATISTIK_PENGADUAN

    paths = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    names = {"instansi", "unit", "layanan", "standar", "versi", "maklumat", "konsultasi", "skm"}
    expected = {f"/api/v1/{n}/" for n in names} | {f"/api/v1/{n}/{{id}}/" for n in names}
    expected |= {"/api/v1/komponen/", "/api/v1/komponen/{kunci}/"}
    if STATISTIK_PENGADUAN:
        expected.add("/api/v1/statistik-pengaduan/")
    assert set(paths) == expected
    assert all(set(ops) == {"get"} for ops in paths.values())
