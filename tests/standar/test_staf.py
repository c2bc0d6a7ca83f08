"""Staff authoring UI of standards (standar.views.staf): component forms, completeness,
stale saves, validation, the whole-standard form, workflow steps over HTTP, copying from
another unit, the unit's standards page with its review schedule and maklumat reminder.

Forms are posted the way the browser posts them: `form_data` below writes the field names
the pages render (prefix = component key, item lists as formsets).
"""

import json
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from pelayanan.choices import Peran
from standar import isi as isi_mod
from standar import komponen, services, workflow
from standar.choices import StatusVersi
from standar.contoh import isi_contoh
from standar.models import KomponenStandar, VersiStandar
from tests.factories import LayananFactory, UnitFactory, grant, user_factory
from tests.standar.helpers import buka_putaran, isi_lengkap, sampai, staf_unit, standar_terbit

pytestmark = pytest.mark.django_db

# The request's savepoint pair, unit, session, user, grants; services with their standards,
# their versions, the versions' components; the maklumat reminder (latest decree, maklumat
# published since, holidays). Does not grow with the number of services.
UNIT_STANDAR_QUERIES = 12


# --- posting forms as the browser does -----------------------------------------------------


def _nilai(spec, value):
    if spec.kind == "bool":
        return "on" if value else None
    return "" if value is None else str(value)


def _baris(data, prefix, specs, rows, kosong):
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows) + kosong)
    data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
    data[f"{prefix}-MIN_NUM_FORMS"] = "0"
    data[f"{prefix}-MAX_NUM_FORMS"] = "100"
    for i, row in enumerate(rows):
        data[f"{prefix}-{i}-id"] = row.get("id") or ""
        data[f"{prefix}-{i}-ORDER"] = str(i + 1)
        for s in specs:
            value = _nilai(s, row.get(s.name))
            if value is not None:
                data[f"{prefix}-{i}-{s.name}"] = value


def form_data(kunci: str, content: dict, revisi: int = 0, kosong: int = 1, asal=None) -> dict:
    """The POST of one component's form filled with `content`."""
    jenis = komponen.get(kunci).jenis
    data = {f"{kunci}-revisi": str(revisi)}
    if asal is not None:
        data[f"{kunci}-asal"] = json.dumps(asal)
    if isinstance(jenis, isi_mod.Daftar):
        _baris(data, f"{kunci}-items", jenis.fields, content.get("items", []), kosong)
        if jenis.catatan_label:
            data[f"{kunci}-catatan"] = content.get("catatan", "")
    elif isinstance(jenis, isi_mod.Biaya):
        if content.get("gratis"):
            data[f"{kunci}-gratis"] = "on"
        _baris(data, f"{kunci}-items", jenis.item_fields, content.get("items", []), kosong)
    elif isinstance(jenis, isi_mod.JumlahPelaksana):
        data[f"{kunci}-jumlah"] = _nilai(jenis.rincian_fields[1], content.get("jumlah"))
        _baris(data, f"{kunci}-rincian", jenis.rincian_fields, content.get("rincian", []), kosong)
    elif isinstance(jenis, isi_mod.Durasi):
        data[f"{kunci}-jumlah"] = _nilai(jenis.fields[0], content.get("jumlah"))
        data[f"{kunci}-satuan"] = content.get("satuan") or ""
    else:
        data[f"{kunci}-teks"] = content.get("teks", "")
        if isinstance(jenis, isi_mod.Evaluasi):
            data[f"{kunci}-periode_bulan"] = _nilai(jenis.fields[0], content.get("periode_bulan"))
    return data


def url_komponen(versi, kunci):
    return reverse("standar:staf_komponen_ubah", kwargs={"pk": versi.pk, "kunci": kunci})


def url_versi(versi):
    return reverse("standar:staf_versi", kwargs={"pk": versi.pk})


def url_langkah(versi, nama):
    return reverse("standar:staf_transisi", kwargs={"pk": versi.pk, "transisi": nama})


def url_unit(unit):
    return reverse("standar:staf_unit_standar", kwargs={"unit": unit.slug})


def body(response) -> str:
    return response.content.decode()


def row_of(versi, kunci) -> KomponenStandar:
    return KomponenStandar.objects.get(versi=versi, kunci=kunci)


def _tanpa_id(content: dict) -> dict:
    return {
        key: [{f: v for f, v in i.items() if f != "id"} for i in value] if isinstance(value, list) else value
        for key, value in content.items()
    }


@pytest.fixture
def draf():
    layanan = LayananFactory(nama="Penerbitan Akta Kelahiran")
    admin, kepala = staf_unit(layanan.unit)
    versi = services.versi_draft_create(layanan=layanan, oleh=admin)
    return SimpleNamespace(layanan=layanan, unit=layanan.unit, admin=admin, kepala=kepala, versi=versi)


# --- one component at a time ---------------------------------------------------------------


def test_admin_fills_every_component_through_its_form_and_completeness_reaches_14(client, draf):
    client.force_login(draf.admin)
    page = body(client.get(url_versi(draf.versi)))
    assert "0 dari 14" in page
    assert page.count('<span class="badge text-bg-warning">belum lengkap</span>') == komponen.JUMLAH

    for kunci, content in isi_contoh().items():
        k = komponen.get(kunci)
        form_page = client.get(url_komponen(draf.versi, kunci))
        assert form_page.status_code == 200
        html = body(form_page)
        assert f'name="{kunci}-revisi" value="0"' in html
        assert k.bantuan in html
        response = client.post(url_komponen(draf.versi, kunci), form_data(kunci, content, 0))
        assert response.status_code == 302, (kunci, body(response)[:3000])
        row = row_of(draf.versi, kunci)
        assert _tanpa_id(row.isi) == _tanpa_id(content), kunci
        for item in k.jenis.items(content):  # valid ids are kept
            if re.fullmatch(r"[0-9a-f]{8}", item["id"]):
                assert item["id"] in {i["id"] for i in k.jenis.items(row.isi)}
        assert row.revisi == 1
        assert row.lengkap

    page = body(client.get(url_versi(draf.versi)))
    assert "14 dari 14" in page
    assert "belum lengkap" not in page
    assert "Menandatangani akta secara elektronik" in page  # a short rendering of the content


def test_item_ids_survive_a_resave_and_blank_rows_reorder_and_delete_work(client, draf):
    client.force_login(draf.admin)
    url = url_komponen(draf.versi, "persyaratan")
    baru = {
        "items": [
            {"uraian": "KTP-el pemohon", "jenis": "administratif"},
            {"uraian": "Kartu Keluarga", "jenis": "administratif"},
            {"uraian": "Surat pengantar RT", "jenis": "administratif"},
        ]
    }
    assert client.post(url, form_data("persyaratan", baru, 0, kosong=3)).status_code == 302
    items = row_of(draf.versi, "persyaratan").isi["items"]
    ids = [i["id"] for i in items]
    assert [i["uraian"] for i in items] == ["KTP-el pemohon", "Kartu Keluarga", "Surat pengantar RT"]
    assert all(re.fullmatch(r"[0-9a-f]{8}", i) for i in ids)

    html = body(client.get(url))  # the ids travel in hidden fields
    for n, item_id in enumerate(ids):
        assert f'name="persyaratan-items-{n}-id" value="{item_id}"' in html

    # Edit the first, swap the order of the first two, delete the third, add one.
    items[0]["uraian"] = "KTP-el pemohon (asli)"
    data = form_data("persyaratan", {"items": [*items, {"uraian": "Pas foto", "jenis": "teknis"}]}, 1)
    data["persyaratan-items-0-ORDER"], data["persyaratan-items-1-ORDER"] = "2", "1"
    data["persyaratan-items-2-DELETE"] = "on"
    data["persyaratan-items-3-ORDER"] = ""
    assert client.post(url, data).status_code == 302
    saved = row_of(draf.versi, "persyaratan").isi["items"]
    assert [i["uraian"] for i in saved] == ["Kartu Keluarga", "KTP-el pemohon (asli)", "Pas foto"]
    assert [i["id"] for i in saved[:2]] == [ids[1], ids[0]]
    assert saved[2]["id"] not in ids


def test_stale_save_is_refused_with_input_kept_and_the_other_change_shown(client, draf):
    rekan = user_factory(nama_lengkap="Rekan Admin")
    grant(rekan, Peran.ADMIN_UNIT, unit=draf.unit)
    client.force_login(draf.admin)
    url = url_komponen(draf.versi, "pengawasan")
    assert 'name="pengawasan-revisi" value="0"' in body(client.get(url))

    services.komponen_update(
        versi=draf.versi,
        kunci="pengawasan",
        isi={"teks": "Pengawasan oleh Sekretaris Dinas setiap bulan."},
        revisi_dasar=0,
        oleh=rekan,
    )
    mine = form_data("pengawasan", {"teks": "Pengawasan melekat oleh kepala seksi."}, 0)
    response = client.post(url, mine)
    html = body(response)
    assert response.status_code == 409
    assert "sudah diubah oleh Rekan Admin" in html
    assert "Isian Anda masih ada di formulir" in html
    assert "Pengawasan melekat oleh kepala seksi." in html  # the user's input stays
    assert "Pengawasan oleh Sekretaris Dinas setiap bulan." in html  # the other change shown
    assert 'name="pengawasan-revisi" value="1"' in html  # the next save is based on it
    row = row_of(draf.versi, "pengawasan")
    assert row.isi["teks"] == "Pengawasan oleh Sekretaris Dinas setiap bulan."  # nothing overwritten
    assert row.revisi == 1

    response = client.post(url, {**mine, "pengawasan-revisi": "1"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.isi["teks"], row.revisi, row.diubah_oleh) == (
        "Pengawasan melekat oleh kepala seksi.",
        2,
        draf.admin,
    )


BIAYA_NEGATIF = {
    "gratis": False,
    "items": [{"uraian": "Retribusi", "jumlah": -5000, "dasar_hukum": "Perda 1"}],
}


@pytest.mark.parametrize(
    ("kunci", "content", "pesan"),
    [
        pytest.param("biaya", BIAYA_NEGATIF, "Paling sedikit 1.", id="rupiah-negatif"),
        pytest.param(
            "biaya",
            {"gratis": True, "items": [{"uraian": "Blangko", "jumlah": 5000, "dasar_hukum": "Perda 1"}]},
            "Pilih salah satu: layanan gratis, atau isi rincian tarif — tidak keduanya.",
            id="gratis-dan-tarif",
        ),
        pytest.param("jumlah_pelaksana", {"jumlah": 0}, "Paling sedikit 1.", id="pelaksana-nol"),
        pytest.param(
            "jumlah_pelaksana",
            {"jumlah": 5, "rincian": [{"peran": "Loket", "jumlah": 2}, {"peran": "Operator", "jumlah": 2}]},
            "Jumlah rincian per peran (4) harus sama dengan jumlah pelaksana (5).",
            id="rincian-tidak-cocok",
        ),
        pytest.param(
            "prosedur",
            {"items": [{"pelaksana": "", "uraian": "", "durasi_jumlah": 10, "durasi_satuan": "menit"}]},
            "Wajib diisi.",
            id="langkah-kosong",
        ),
        pytest.param(
            "prosedur",
            {"items": [{"pelaksana": "Petugas", "uraian": "Memeriksa berkas", "durasi_jumlah": 10}]},
            "Langkah 1: pilih satuan waktu untuk durasinya.",
            id="durasi-tanpa-satuan",
        ),
        pytest.param(
            "pengawasan",
            {"teks": "x" * 50_000},
            "Paling banyak 10000 karakter (sekarang 50000).",
            id="teks-50000",
        ),
        pytest.param(
            "jangka_waktu", {"jumlah": -3, "satuan": "hari"}, "Paling sedikit 1.", id="durasi-negatif"
        ),
        pytest.param(
            "jangka_waktu", {"jumlah": 3, "satuan": "abad"}, "Pilihan tidak sah.", id="satuan-asing"
        ),
        pytest.param(
            "dasar_hukum",
            {"items": [{"jenis": "uu", "nomor": "25", "tahun": 1800, "tentang": "Pelayanan Publik"}]},
            "Paling sedikit 1945.",
            id="tahun-peraturan",
        ),
        pytest.param(
            "evaluasi_kinerja", {"teks": "Evaluasi", "periode_bulan": 5}, "Pilihan tidak sah.", id="periode"
        ),
        pytest.param(
            "persyaratan",
            {"items": [{"uraian": "y" * 501, "jenis": "administratif"}]},
            "Paling banyak 500 karakter (sekarang 501).",
            id="persyaratan-panjang",
        ),
    ],
)
def test_bad_input_gives_indonesian_errors_and_saves_nothing(client, draf, kunci, content, pesan):
    client.force_login(draf.admin)
    response = client.post(url_komponen(draf.versi, kunci), form_data(kunci, content, 0))
    assert response.status_code == 400
    assert pesan in body(response)
    row = row_of(draf.versi, kunci)
    assert (row.revisi, row.isi) == (0, komponen.get(kunci).jenis.empty())


def test_html_and_script_are_stored_as_text_and_shown_escaped(client, draf):
    client.force_login(draf.admin)
    teks = '<script>alert("x")</script> <b>tebal</b>'
    response = client.post(url_komponen(draf.versi, "pengawasan"), form_data("pengawasan", {"teks": teks}))
    assert response.status_code == 302
    assert row_of(draf.versi, "pengawasan").isi["teks"] == teks
    for url in (url_versi(draf.versi), url_komponen(draf.versi, "pengawasan")):
        html = body(client.get(url))
        assert "<script>alert" not in html
        assert "<b>tebal</b>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_posting_thousands_of_rows_gives_a_clear_error(client, draf):
    client.force_login(draf.admin)
    rows = {"items": [{"uraian": f"Butir {n}"} for n in range(150)]}
    data = form_data("produk", rows, 0)
    data["produk-items-TOTAL_FORMS"] = "10000"
    response = client.post(url_komponen(draf.versi, "produk"), data)
    assert response.status_code == 400
    assert "Paling banyak 100 butir dalam satu daftar." in body(response)
    assert row_of(draf.versi, "produk").revisi == 0


def test_component_pages_refuse_politely(client, draf):
    client.force_login(draf.admin)
    assert client.get(url_komponen(draf.versi, "tidak_ada")).status_code == 404
    assert client.post(url_langkah(draf.versi, "lompat")).status_code == 404
    # The head may read the draft but not edit it.
    client.force_login(draf.kepala)
    assert client.get(url_versi(draf.versi)).status_code == 200
    assert client.get(url_komponen(draf.versi, "biaya")).status_code == 403
    assert (
        client.post(url_komponen(draf.versi, "biaya"), form_data("biaya", {"gratis": True})).status_code
        == 403
    )
    assert row_of(draf.versi, "biaya").revisi == 0
    # A version in consultation is not editable: a message, never a 500.
    isi_lengkap(draf.versi, draf.admin)
    buka_putaran(draf.versi, draf.admin)
    client.force_login(draf.admin)
    response = client.get(url_komponen(draf.versi, "biaya"), follow=True)
    assert response.redirect_chain[-1][0] == url_versi(draf.versi)
    assert "tidak dapat diubah" in body(response)
    response = client.post(url_komponen(draf.versi, "biaya"), form_data("biaya", {"gratis": False}, 1))
    assert response.status_code == 400
    assert "tidak dapat diubah" in body(response)
    assert (
        client.get(reverse("standar:staf_versi_ubah_semua", kwargs={"pk": draf.versi.pk})).status_code == 302
    )


def test_anonymous_users_are_sent_to_login(client, draf):
    for url in (url_unit(draf.unit), url_versi(draf.versi), url_komponen(draf.versi, "biaya")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("pelayanan:login") in response["Location"]
    response = client.post(url_langkah(draf.versi, "ajukan_konsultasi"))
    assert response.status_code == 302
    assert reverse("pelayanan:login") in response["Location"]


# --- the whole standard on one page ---------------------------------------------------------


def _semua(versi, overrides=None, revisi=None) -> dict:
    """The POST of the whole-standard page: every component filled with the example."""
    rows = {r.kunci: r for r in versi.komponen_set.all()}
    content = isi_contoh()
    content.update(overrides or {})
    data = {}
    for k in komponen.KOMPONEN:
        row = rows[k.kunci]
        rev = (revisi or {}).get(k.kunci, row.revisi)
        data.update(form_data(k.kunci, content[k.kunci], rev, asal=row.isi))
    return data


def test_whole_standard_save_is_all_or_nothing(client, draf):
    client.force_login(draf.admin)
    url = reverse("standar:staf_versi_ubah_semua", kwargs={"pk": draf.versi.pk})
    html = body(client.get(url))
    assert html.count('class="komponen-editor') == komponen.JUMLAH
    for k in komponen.KOMPONEN:
        assert f'name="{k.kunci}-revisi" value="0"' in html

    # One invalid component: nothing is saved, its error is shown, the rest of the input stays.
    response = client.post(url, _semua(draf.versi, {"biaya": BIAYA_NEGATIF}))
    assert response.status_code == 400
    html = body(response)
    assert "Paling sedikit 1." in html
    assert 'href="#komponen-biaya"' in html
    assert "Menandatangani akta secara elektronik" in html
    assert set(KomponenStandar.objects.filter(versi=draf.versi).values_list("revisi", flat=True)) == {0}

    # A kind-level refusal (the service's clean) also rolls back every other component.
    gratis_dan_tarif = {**BIAYA_NEGATIF, "gratis": True}
    gratis_dan_tarif["items"][0]["jumlah"] = 5000
    response = client.post(url, _semua(draf.versi, {"biaya": gratis_dan_tarif}))
    assert response.status_code == 400
    assert "tidak keduanya" in body(response)
    assert set(KomponenStandar.objects.filter(versi=draf.versi).values_list("revisi", flat=True)) == {0}

    # Someone saved one component meanwhile, and this user changed it too: refused, nothing saved.
    rekan = user_factory(nama_lengkap="Rekan Admin")
    grant(rekan, Peran.ADMIN_UNIT, unit=draf.unit)
    stale_data = _semua(draf.versi)
    services.komponen_update(
        versi=draf.versi, kunci="pengawasan", isi={"teks": "Versi rekan."}, revisi_dasar=0, oleh=rekan
    )
    response = client.post(url, stale_data)
    assert response.status_code == 409
    html = body(response)
    assert "Versi rekan." in html
    assert 'name="pengawasan-revisi" value="1"' in html
    revisi = dict(KomponenStandar.objects.filter(versi=draf.versi).values_list("kunci", "revisi"))
    assert revisi == {**dict.fromkeys(komponen.KUNCI, 0), "pengawasan": 1}

    # Saved with the new revision: all 14 at once.
    response = client.post(url, _semua(draf.versi, revisi={"pengawasan": 1}))
    assert response.status_code == 302
    assert "14 dari 14" in body(client.get(url_versi(draf.versi)))


def test_whole_standard_save_leaves_untouched_components_alone(client, draf):
    """A component this user did not touch is not saved, so a colleague's newer save stays."""
    client.force_login(draf.admin)
    url = reverse("standar:staf_versi_ubah_semua", kwargs={"pk": draf.versi.pk})
    data = _semua(draf.versi)
    data.update(form_data("pengawasan", {"teks": ""}, 0, asal={"teks": ""}))  # untouched
    rekan = user_factory(nama_lengkap="Rekan Admin")
    grant(rekan, Peran.ADMIN_UNIT, unit=draf.unit)
    services.komponen_update(
        versi=draf.versi, kunci="pengawasan", isi={"teks": "Versi rekan."}, revisi_dasar=0, oleh=rekan
    )
    assert client.post(url, data).status_code == 302
    assert row_of(draf.versi, "pengawasan").isi == {"teks": "Versi rekan."}
    assert row_of(draf.versi, "persyaratan").revisi == 1


# --- workflow steps over HTTP -----------------------------------------------------------------

STATUSES = ["draf", "konsultasi", "perbaikan", "ditetapkan", "terbit"]
ROLES = ["admin_unit", "kepala_unit", "admin_lain", "pembina", "warga"]
ROLE_POLICY = {"admin_unit": "standar.susun", "kepala_unit": "standar.tetapkan"}


def _langkah_data():
    today = timezone.localdate().isoformat()
    return {
        "sk_nomor": "100.3.3/45/2026",
        "sk_tanggal": today,
        "berlaku_mulai": today,
        "alasan": "Layanan dihapus oleh peraturan daerah yang baru.",
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("nama", [n for n, t in workflow.TRANSISI.items() if t.aksi_policy])
@pytest.mark.parametrize("status", STATUSES)
def test_every_step_by_every_role_in_every_status(client, draf, status, nama, role):
    isi_lengkap(draf.versi, draf.admin)
    versi = sampai(draf.versi, status, draf.admin, draf.kepala)
    admin_lain = user_factory()
    grant(admin_lain, Peran.ADMIN_UNIT, unit=UnitFactory(instansi=draf.unit.instansi))
    pembina = user_factory()
    grant(pembina, Peran.PEMBINA, instansi=draf.unit.instansi)
    users = {
        "admin_unit": draf.admin,
        "kepala_unit": draf.kepala,
        "admin_lain": admin_lain,
        "pembina": pembina,
        "warga": user_factory(),
    }
    client.force_login(users[role])
    t = workflow.TRANSISI[nama]

    kurang = workflow.missing(versi, nama) if status in t.dari else []

    response = client.post(url_langkah(versi, nama), _langkah_data())
    versi.refresh_from_db()
    if ROLE_POLICY.get(role) != t.aksi_policy:
        assert response.status_code == 403
        assert "Akses ditolak" in body(response)
        assert versi.status == status
    elif status not in t.dari or kurang:
        assert response.status_code == 302
        assert response["Location"] == url_versi(versi)
        assert versi.status == status
        pesan = kurang[0] if kurang else "tidak dapat dilakukan pada versi berstatus"
        assert pesan in body(client.get(response["Location"]))
    elif nama == "ajukan_konsultasi":  # taken by opening a round, on its own page
        assert response["Location"] == reverse("standar:putaran_buka", kwargs={"pk": versi.pk})
        assert versi.status == status
    else:
        assert response.status_code == 302
        assert versi.status == t.ke
        assert "selesai" in body(client.get(response["Location"]))


def test_versi_page_offers_the_steps_the_user_may_take(client, draf):
    client.force_login(draf.admin)
    html = body(client.get(url_versi(draf.versi)))
    assert "Ajukan ke konsultasi publik" in html
    assert "Komponen belum lengkap" in html  # what is missing, and the step disabled
    assert 'aria-disabled="true">Ajukan ke konsultasi publik<' in html
    assert "Ubah semua komponen" in html
    isi_lengkap(draf.versi, draf.admin)
    html = body(client.get(url_versi(draf.versi)))
    assert "Komponen belum lengkap" not in html
    assert "disabled" not in html
    # Submitting opens a comment round, on the round's own form.
    buka = reverse("standar:putaran_buka", kwargs={"pk": draf.versi.pk})
    assert f'href="{buka}">Ajukan ke konsultasi publik<' in html

    versi = sampai(draf.versi, "perbaikan", draf.admin, draf.kepala)
    html = body(client.get(url_versi(versi)))
    assert "Tetapkan (penetapan oleh kepala unit)" not in html  # the admin may not decree
    client.force_login(draf.kepala)
    html = body(client.get(url_versi(versi)))
    assert "Tetapkan (penetapan oleh kepala unit)" in html
    for label in ("Nomor SK", "Tanggal SK", "Berlaku mulai"):
        assert label in html
    assert "Ubah semua komponen" not in html  # the head does not edit


def test_decree_form_is_validated(client, draf):
    isi_lengkap(draf.versi, draf.admin)
    versi = sampai(draf.versi, "perbaikan", draf.admin, draf.kepala)
    client.force_login(draf.kepala)
    url = url_langkah(versi, "tetapkan")
    today = timezone.localdate()

    response = client.post(url, {**_langkah_data(), "sk_nomor": "  "})
    assert response.status_code == 400
    assert "Wajib diisi." in body(response)

    besok = (today + timedelta(days=1)).isoformat()
    response = client.post(url, {**_langkah_data(), "sk_tanggal": besok, "berlaku_mulai": besok})
    assert response.status_code == 400
    assert "Tanggal SK tidak boleh di masa depan." in body(response)

    kemarin = (today - timedelta(days=1)).isoformat()
    response = client.post(url, {**_langkah_data(), "berlaku_mulai": kemarin})
    assert response.status_code == 400
    assert "Tanggal berlaku tidak boleh sebelum tanggal SK." in body(response)

    response = client.post(url, {**_langkah_data(), "sk_tanggal": "31-02-2026"})
    assert response.status_code == 400
    assert "Masukkan tanggal yang benar." in body(response)

    versi.refresh_from_db()
    assert (versi.status, versi.sk_nomor) == (StatusVersi.PERBAIKAN, "")

    response = client.post(url, {**_langkah_data(), "sk_tanggal": "05-01-2026"})
    assert response.status_code == 302
    versi.refresh_from_db()
    assert (versi.status, versi.sk_nomor, versi.sk_tanggal) == (
        StatusVersi.DITETAPKAN,
        "100.3.3/45/2026",
        date(2026, 1, 5),
    )


def test_revoke_needs_a_reason(client):
    versi, _admin, kepala = standar_terbit()
    client.force_login(kepala)
    response = client.post(url_langkah(versi, "cabut"), {"alasan": "salah"})
    assert response.status_code == 400
    assert "Paling sedikit 10 karakter (sekarang 5)." in body(response)
    versi.refresh_from_db()
    assert versi.status == StatusVersi.TERBIT
    response = client.post(url_langkah(versi, "cabut"), {"alasan": "Layanan tidak lagi diselenggarakan."})
    assert response.status_code == 302
    versi.refresh_from_db()
    assert (versi.status, versi.alasan_pencabutan) == (
        StatusVersi.DICABUT,
        "Layanan tidak lagi diselenggarakan.",
    )


def test_publishing_a_new_version_supersedes_the_previous_one(client):
    v1, admin, kepala = standar_terbit()
    client.force_login(admin)
    response = client.post(reverse("standar:staf_draf_baru", kwargs={"pk": v1.standar.layanan.pk}))
    v2 = VersiStandar.objects.get(standar=v1.standar, nomor=2)
    assert response["Location"] == url_versi(v2)
    assert (v2.status, v2.revisi_dari) == (StatusVersi.DRAF, v1)
    assert "14 dari 14" in body(client.get(url_versi(v2)))  # the published content was copied

    # A second draft of the same standard is refused with a message.
    response = client.post(
        reverse("standar:staf_draf_baru", kwargs={"pk": v1.standar.layanan.pk}), follow=True
    )
    assert "sudah memiliki versi yang sedang disusun" in body(response)
    assert v1.standar.versi_set.count() == 2

    # The revised version may be decreed on the strength of v1's closed round (no new round).
    client.force_login(admin)
    response = client.post(url_langkah(v2, "ajukan_konsultasi"))
    assert response["Location"] == reverse("standar:putaran_buka", kwargs={"pk": v2.pk})
    client.force_login(kepala)
    assert client.post(url_langkah(v2, "tetapkan"), _langkah_data()).status_code == 302
    assert client.post(url_langkah(v2, "terbitkan")).status_code == 302
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v1.digantikan_oleh, v2.status) == (StatusVersi.DIGANTIKAN, v2, StatusVersi.TERBIT)


# --- starting from another unit's standard -----------------------------------------------------


def test_a_draft_can_start_from_another_units_published_standard(client):
    sumber, _a, _k = standar_terbit(LayananFactory(nama="Penerbitan Akta Kelahiran"))
    lain, _a2, _k2 = standar_terbit(
        LayananFactory(nama="Izin Reklame"), isi={"pengawasan": {"teks": "Pengawasan reklame."}}
    )
    layanan = LayananFactory(nama="Penerbitan Akta Kelahiran")
    admin, _kepala = staf_unit(layanan.unit)
    own, _a3, _k3 = standar_terbit(LayananFactory(unit=layanan.unit, nama="Akta Kematian"))
    client.force_login(admin)
    url = reverse("standar:staf_salin", kwargs={"pk": layanan.pk})

    html = body(client.get(url))
    assert sumber.standar.layanan.unit.nama in html
    assert lain.standar.layanan.unit.nama in html
    assert "Akta Kematian" not in html  # only other units' standards
    assert html.index(sumber.standar.layanan.unit.nama) < html.index(lain.standar.layanan.unit.nama)
    assert "nama sama" in html
    html = body(client.get(url, {"q": "reklame"}))
    assert lain.standar.layanan.unit.nama in html
    assert sumber.standar.layanan.unit.nama not in html

    for bad in [own.pk, "x", ""]:
        response = client.post(url, {"versi": bad}, follow=True)
        assert "Pilih standar yang akan dijadikan contoh" in body(response)
    assert not VersiStandar.objects.filter(standar__layanan=layanan).exists()

    response = client.post(url, {"versi": sumber.pk})
    versi = VersiStandar.objects.get(standar__layanan=layanan)
    assert response["Location"] == url_versi(versi)
    assert (versi.status, versi.disalin_dari) == (StatusVersi.DRAF, sumber)
    copied = {r.kunci: r.isi for r in versi.komponen_set.all()}
    assert copied == {r.kunci: r.isi for r in sumber.komponen_set.all()}
    # ... and then edited.
    response = client.post(
        url_komponen(versi, "pengawasan"), form_data("pengawasan", {"teks": "Pengawasan kami."}, 0)
    )
    assert response.status_code == 302
    assert row_of(versi, "pengawasan").isi == {"teks": "Pengawasan kami."}
    assert row_of(sumber, "pengawasan").isi != {"teks": "Pengawasan kami."}


def test_only_the_admin_may_copy(client):
    layanan = LayananFactory()
    _admin, kepala = staf_unit(layanan.unit)
    client.force_login(kepala)
    assert client.get(reverse("standar:staf_salin", kwargs={"pk": layanan.pk})).status_code == 403
    assert client.post(reverse("standar:staf_draf_baru", kwargs={"pk": layanan.pk})).status_code == 403


# --- the unit's standards page ---------------------------------------------------------------


def test_unit_page_shows_overdue_reviews_and_the_maklumat_reminder(client):
    versi, admin, _kepala = standar_terbit(LayananFactory(nama="Penerbitan Akta Kelahiran"))
    unit = versi.standar.layanan.unit
    today = timezone.localdate()
    client.force_login(admin)

    html = body(client.get(url_unit(unit)))
    assert "Penerbitan Akta Kelahiran" in html
    assert "100.3.3/12/2026" in html  # SK of the published version
    assert "terlambat" not in html
    # Decreed just now, no maklumat published since: remind, with the deadline.
    assert 'id="pengingat-maklumat"' in html
    assert "maklumat pelayanan harus diterbitkan" in html
    assert reverse("standar:maklumat_daftar", kwargs={"unit": unit.slug}) in html

    VersiStandar.objects.filter(pk=versi.pk).update(berlaku_mulai=today - relativedelta(years=4))
    VersiStandar.objects.filter(pk=versi.pk).update(ditetapkan_pada=timezone.now() - timedelta(days=60))
    html = body(client.get(url_unit(unit)))
    assert html.count('<span class="badge text-bg-danger">terlambat</span>') >= 2  # evaluation and review
    assert "Evaluasi dan peninjauan yang perlu perhatian" in html
    assert "Peninjauan ulang (3 tahun)" in html
    assert "sudah terlewati" in html

    VersiStandar.objects.filter(pk=versi.pk).update(
        berlaku_mulai=today - relativedelta(years=1) + timedelta(days=20)
    )
    html = body(client.get(url_unit(unit)))
    assert '<span class="badge text-bg-warning">jatuh tempo</span>' in html
    assert "terlambat</span>" not in html


def test_unit_page_lists_drafts_with_completeness_and_actions(client, draf):
    client.force_login(draf.admin)
    LayananFactory(unit=draf.unit, nama="Layanan Tanpa Standar")
    html = body(client.get(url_unit(draf.unit)))
    assert "0 dari 14 komponen lengkap" in html
    assert url_versi(draf.versi) in html
    assert html.count("Buat draf baru") == 1  # only where no version is in preparation
    assert html.count("Mulai dari standar unit lain") == 1
    client.force_login(draf.kepala)
    html = body(client.get(url_unit(draf.unit)))
    assert "0 dari 14 komponen lengkap" in html
    assert "Buat draf baru" not in html


@pytest.mark.parametrize("siapa", ["warga", "admin_lain", "pengelola"])
def test_unit_page_is_for_the_units_staff(client, draf, siapa):
    user = user_factory()
    if siapa == "admin_lain":
        grant(user, Peran.ADMIN_UNIT, unit=UnitFactory())
    elif siapa == "pengelola":
        grant(user, Peran.PENGELOLA_PENGADUAN, unit=draf.unit)
    client.force_login(user)
    assert client.get(url_unit(draf.unit)).status_code == 403
    assert client.get(url_versi(draf.versi)).status_code == 403


def test_unit_page_query_count_is_constant(client, django_assert_num_queries):
    versi, admin, _kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    services.versi_draft_create(layanan=versi.standar.layanan, oleh=admin)
    client.force_login(admin)
    with django_assert_num_queries(UNIT_STANDAR_QUERIES):
        assert client.get(url_unit(unit)).status_code == 200
    for _n in range(4):
        more, _a, _k = standar_terbit(LayananFactory(unit=unit))
        services.versi_draft_create(layanan=more.standar.layanan, oleh=admin)
    LayananFactory.create_batch(3, unit=unit)
    with django_assert_num_queries(UNIT_STANDAR_QUERIES):
        assert client.get(url_unit(unit)).status_code == 200


def test_workspace_links_to_the_units_standards(client, draf):
    client.force_login(draf.admin)
    assert url_unit(draf.unit) in body(client.get(reverse("pelayanan:ruang_kerja")))
    pengelola = user_factory()
    grant(pengelola, Peran.PENGELOLA_PENGADUAN, unit=draf.unit)
    client.force_login(pengelola)
    assert url_unit(draf.unit) not in body(client.get(reverse("pelayanan:ruang_kerja")))


@pytest.mark.parametrize("kunci", komponen.KUNCI)
def test_hostile_posts_never_crash(client, draf, kunci):
    """Missing management data, garbage numbers, null bytes, huge values: refused (400/409) or
    a harmless no-op (302 with nothing saved), never a 500."""
    client.force_login(draf.admin)
    url = url_komponen(draf.versi, kunci)
    prefix = {"jumlah_pelaksana": "rincian"}.get(kunci, "items")
    posts = [
        {},
        {f"{kunci}-revisi": "abc"},
        {f"{kunci}-revisi": "0", f"{kunci}-{prefix}-TOTAL_FORMS": "x", f"{kunci}-teks": "a\x00b"},
        {
            **form_data(kunci, komponen.get(kunci).jenis.empty(), 0),
            f"{kunci}-{prefix}-TOTAL_FORMS": "1",
            f"{kunci}-{prefix}-INITIAL_FORMS": "1",
            f"{kunci}-{prefix}-0-id": "../../etc" * 50,
            f"{kunci}-{prefix}-0-ORDER": "9" * 40,
            f"{kunci}-{prefix}-0-uraian": "a\x00b",
            f"{kunci}-{prefix}-0-jumlah": "1e9999",
            f"{kunci}-jumlah": "9" * 40,
            f"{kunci}-satuan": "<script>",
            f"{kunci}-periode_bulan": "-1",
            f"{kunci}-asal": "{not json",
        },
    ]
    for data in posts:
        response = client.post(url, data)
        assert response.status_code in (302, 400, 409), (data, response.status_code)
        assert row_of(draf.versi, kunci).revisi == 0
    semua = reverse("standar:staf_versi_ubah_semua", kwargs={"pk": draf.versi.pk})
    for data in posts:
        assert client.post(semua, data).status_code in (302, 400, 409)


def test_pages_render_in_english_too(client, draf, settings):
    client.force_login(draf.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for url in (
        url_unit(draf.unit),
        url_versi(draf.versi),
        url_komponen(draf.versi, "prosedur"),
        reverse("standar:staf_versi_ubah_semua", kwargs={"pk": draf.versi.pk}),
        reverse("standar:staf_salin", kwargs={"pk": draf.layanan.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert '<html lang="en">' in body(response)
    assert "System, mechanism and procedure" in body(client.get(url_versi(draf.versi)))
