"""SKM results in the API: published periods only, figures exactly those of evaluasi.ikm on a
small hand-built data set (tests.api.data), filters, 404 for unpublished periods, and nothing
of a respondent (profile, suggestion, paper sheet) or of the staff's follow-up notes."""

import pytest
from django.utils import timezone

from evaluasi import ikm, sampel, services, unsur
from evaluasi.models import JawabanSKM, RencanaTindakLanjut
from pelayanan.models import Pengguna
from tests.api.data import RAHASIA, SKM_AKTA, SKM_KARTU, SKM_POPULASI

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def get(client, url, **params):
    response = client.get(url, params, **JSON)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def ids(data):
    return [r["id"] for r in data["results"]]


def _hasil(baris, bobot=None) -> ikm.HasilIKM:
    return ikm.hitung(ikm.Agregat.dari_jawaban(baris), bobot=bobot)


def _unsur(hasil: ikm.HasilIKM) -> list[dict]:
    return [
        {
            "kode": n.unsur.kode,
            "label": str(n.unsur.label),
            "jumlah_nilai": n.total,
            "nrr": float(n.nrr_tampil),
            "nrr_konversi": float(n.konversi),
        }
        for n in hasil.unsur
    ]


def test_the_markers_are_in_the_database(data_api):
    # The walk of the schema (test_rahasia) is only meaningful if the private rows exist.
    assert JawabanSKM.objects.filter(periode=data_api.skm_terbit, saran__contains=RAHASIA["saran"]).exists()
    assert JawabanSKM.objects.filter(nomor_lembar=RAHASIA["lembar"]).exists()
    assert JawabanSKM.objects.filter(saran=RAHASIA["saran_belum_terbit"]).exists()
    assert RencanaTindakLanjut.objects.filter(catatan=RAHASIA["catatan_rtl"]).exists()
    assert RAHASIA["skm_belum_terbit"] in data_api.skm_belum_terbit.teknik_sampling
    assert not data_api.skm_belum_terbit.diterbitkan


def test_list_has_only_published_periods_with_the_units_pooled_ikm(client, data_api):
    d = data_api
    data = get(client, "/api/v1/skm/")
    assert ids(data) == [d.skm_terbit.pk]
    row = data["results"][0]
    unit = _hasil(SKM_AKTA + SKM_KARTU)
    assert row["ikm"] == float(unit.ikm) == 81.94  # 118 × 25 / 36, pooled over the 4 responses
    assert row["mutu"] == unit.mutu.huruf == "B"
    assert row["mutu_label"] == "Baik"
    assert row["bobot"] == "1/9"
    assert row["jumlah_responden"] == 4
    assert row["populasi"] == SKM_POPULASI
    assert row["sampel_minimal"] == sampel.ukuran_sampel(SKM_POPULASI) == 28
    assert row["sampel_cukup"] is False
    assert (row["label"], row["jenis"], row["jenis_label"], row["tahun"], row["ke"]) == (
        "Triwulan IV 2025",
        "triwulan",
        "Triwulan",
        2025,
        4,
    )
    assert (row["mulai"], row["selesai"]) == ("2025-10-01", "2025-12-31")
    assert row["diterbitkan_pada"].endswith("+07:00")
    assert row["url"] == f"http://testserver/api/v1/skm/{d.skm_terbit.pk}/"
    assert row["url_halaman"] == f"http://testserver/survei-kepuasan/{d.skm_terbit.pk}/"
    assert row["unit"] == {
        "id": d.unit.pk,
        "nama": d.unit.nama,
        "url": f"http://testserver/api/v1/unit/{d.unit.pk}/",
    }
    assert row["instansi"]["id"] == d.unit.instansi_id
    # The public results page shows the same figure.
    assert (
        "81,94" in client.get(row["url_halaman"]).content.decode()
        or "81.94" in client.get(row["url_halaman"]).content.decode()
    )


def test_detail_has_the_nrr_of_each_unsur_each_service_and_the_follow_ups(client, data_api):
    d = data_api
    data = get(client, f"/api/v1/skm/{d.skm_terbit.pk}/")
    unit = _hasil(SKM_AKTA + SKM_KARTU)
    assert data["ikm"] == 81.94
    assert data["nilai_persepsi"] == float(unit.nilai_persepsi) == 3.2778
    assert data["unsur"] == _unsur(unit)
    assert [u["kode"] for u in data["unsur"]] == list(unsur.KODE)
    assert data["unsur"][6] == {
        "kode": "U7",
        "label": "Perilaku pelaksana",
        "jumlah_nilai": 15,
        "nrr": 3.75,
        "nrr_konversi": 93.75,
    }
    akta, kartu = _hasil(SKM_AKTA), _hasil(SKM_KARTU)
    assert data["per_layanan"] == [
        {
            "layanan": {
                "id": d.terbit.standar.layanan_id,
                "nama": "Penerbitan Akta Uji",
                "url": f"http://testserver/api/v1/layanan/{d.terbit.standar.layanan_id}/",
            },
            "jumlah_responden": 2,
            "ikm": float(akta.ikm),
            "mutu": akta.mutu.huruf,
            "mutu_label": "Baik",
            "unsur": _unsur(akta),
        },
        {
            "layanan": {
                "id": d.perbaikan.standar.layanan_id,
                "nama": "Penerbitan Kartu Uji",
                "url": f"http://testserver/api/v1/layanan/{d.perbaikan.standar.layanan_id}/",
            },
            "jumlah_responden": 2,
            "ikm": float(kartu.ikm),
            "mutu": kartu.mutu.huruf,
            "mutu_label": "Kurang baik",
            "unsur": _unsur(kartu),
        },
    ]
    assert (data["per_layanan"][0]["ikm"], data["per_layanan"][1]["ikm"]) == (87.5, 76.39)
    assert data["per_layanan"][1]["mutu"] == "C"  # 76.39 < 76.61: the unit's B is pooled, not averaged
    assert data["tindak_lanjut"] == [
        {
            "unsur": "U8",
            "unsur_label": "Penanganan pengaduan, saran, dan masukan",
            "tindakan": "Membuka kanal pengaduan daring uji.",
            "batas_waktu": "2026-02-28",
            "status": "selesai",
            "status_label": "Selesai",
            "selesai_pada": "2026-02-20",
        },
        {
            "unsur": "U4",
            "unsur_label": "Biaya/tarif",
            "tindakan": "Menempelkan daftar tarif resmi di loket uji.",
            "batas_waktu": "2026-03-31",
            "status": "direncanakan",
            "status_label": "Direncanakan",
            "selesai_pada": None,
        },
    ]
    assert data["teknik_sampling"].startswith("Accidental sampling")
    # Nothing of a respondent or of the staff.
    body = client.get(f"/api/v1/skm/{d.skm_terbit.pk}/", **JSON).content.decode()
    for kunci in [
        "saran",
        "usia",
        "jenis_kelamin",
        "pendidikan",
        "pekerjaan",
        "nomor_lembar",
        "kanal",
        "catatan",
    ]:
        assert f'"{kunci}"' not in body
    for penanda in [RAHASIA["saran"], RAHASIA["lembar"], RAHASIA["catatan_rtl"], RAHASIA["email_staf"]]:
        assert penanda not in body


def test_bobot_0111_is_followed(client, data_api, settings):
    settings.SKM_BOBOT = "0.111"
    data = get(client, f"/api/v1/skm/{data_api.skm_terbit.pk}/")
    unit = _hasil(SKM_AKTA + SKM_KARTU, bobot="0.111")
    assert data["bobot"] == "0.111"
    assert data["ikm"] == float(unit.ikm)
    assert get(client, "/api/v1/skm/")["results"][0]["ikm"] == float(unit.ikm)


def test_unpublished_period_answers_404_until_it_is_published(client, data_api):
    belum = data_api.skm_belum_terbit
    response = client.get(f"/api/v1/skm/{belum.pk}/", **JSON)
    assert response.status_code == 404
    assert response.json() == client.get("/api/v1/skm/999999/", **JSON).json()
    assert belum.pk not in ids(get(client, "/api/v1/skm/", page_size=100))
    for url in ["/api/v1/skm/abc/", f"/api/v1/skm/{2**70}/", "/api/v1/skm/0/"]:
        assert client.get(url, **JSON).status_code == 404, url

    # Once published it is there, without its suggestion.
    admin = Pengguna.objects.get(email=RAHASIA["email_staf"])
    services.periode_publish(periode=belum, oleh=admin)
    data = get(client, f"/api/v1/skm/{belum.pk}/")
    assert (data["ikm"], data["mutu"], data["jumlah_responden"]) == (25.0, "D", 1)
    assert RAHASIA["saran_belum_terbit"] not in str(data)


def test_a_period_of_an_inactive_unit_is_not_public(client, data_api):
    type(data_api.unit).objects.filter(pk=data_api.unit.pk).update(aktif=False)
    assert client.get(f"/api/v1/skm/{data_api.skm_terbit.pk}/", **JSON).status_code == 404
    assert get(client, "/api/v1/skm/")["count"] == 0


def test_filters(client, data_api):
    d = data_api
    pk = d.skm_terbit.pk
    layanan = d.terbit.standar.layanan_id
    for params, hasil in [
        ({"instansi": d.unit.instansi_id}, [pk]),
        ({"instansi": d.unit_lain.instansi_id}, []),
        ({"instansi_slug": d.unit.instansi.slug}, [pk]),
        ({"unit": d.unit.pk}, [pk]),
        ({"unit": d.unit_lain.pk}, []),
        ({"unit_slug": "dinas-uji-data-terbuka"}, [pk]),
        ({"layanan": layanan}, [pk]),
        ({"layanan": d.dicabut.standar.layanan_id}, []),
        ({"jenis": "triwulan"}, [pk]),
        ({"jenis": "tahun"}, []),
        ({"tahun": 2025}, [pk]),
        ({"tahun": 2026}, []),
        ({"mulai_dari": "2025-10-01", "mulai_sampai": "2025-10-01"}, [pk]),
        ({"selesai_dari": "2025-12-31", "selesai_sampai": "2025-12-31"}, [pk]),
        ({"selesai_sampai": "2025-12-30"}, []),
        ({"diterbitkan_dari": "2099-01-01"}, []),
        ({"diterbitkan_sampai": timezone.localdate().isoformat(), "diterbitkan_dari": "2020-01-01"}, [pk]),
        ({"tahun": ""}, [pk]),  # an empty parameter is no filter
    ]:
        assert ids(get(client, "/api/v1/skm/", **params)) == hasil, params


@pytest.mark.parametrize(
    "params",
    [{"tahun": "2016"}, {"tahun": "dua"}, {"jenis": "bulan"}, {"unit": "0"}, {"selesai_dari": "2025-02-30"}],
)
def test_an_invalid_filter_value_answers_400(client, data_api, params):
    response = client.get("/api/v1/skm/", params, **JSON)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_etag_and_304(client, data_api):
    url = f"/api/v1/skm/{data_api.skm_terbit.pk}/"
    response = client.get(url, **JSON)
    assert response["Cache-Control"] == "public, max-age=300"
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"], **JSON).status_code == 304
    lst = client.get("/api/v1/skm/", **JSON)
    assert client.get("/api/v1/skm/", HTTP_IF_NONE_MATCH=lst["ETag"], **JSON).status_code == 304


def test_browsable_view_names(client, data_api):
    assert "Daftar hasil SKM" in client.get("/api/v1/skm/", HTTP_ACCEPT="text/html").content.decode()


def test_list_queries_do_not_grow_with_the_periods(client, data_api, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        get(client, "/api/v1/skm/")
