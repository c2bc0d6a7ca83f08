"""Public pages of standards: catalogue, service page, version pages, diffs, unit profile."""

from __future__ import annotations

import itertools
import re
from datetime import date
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from pelayanan.models import KanalPengaduanUnit
from standar import komponen, services
from standar import maklumat as maklumat_services
from standar.contoh import isi_contoh
from standar.selectors import KATALOG_PER_HALAMAN
from tests.factories import InstansiFactory, LayananFactory, UnitFactory
from tests.standar.helpers import isi_lengkap, sampai, staf_unit, standar_terbit

pytestmark = pytest.mark.django_db

# Queries per page; each includes the savepoint pair of ATOMIC_REQUESTS.
# Catalogue: instansi options, unit options, count, the page of services (with the
# published version as subquery annotations).
KATALOG_QUERIES = 6
# Service page: service with unit and instansi, the unit's complaint channels, published
# versions, the components of the version in force, the unit's published maklumat, the
# service's comment rounds.
LAYANAN_QUERIES = 8
# Version page: service, published versions, the components of the version shown.
VERSI_QUERIES = 5
# Diff page: service, published versions, the components of both versions.
DIFF_QUERIES = 5
# Unit profile: unit with instansi, channels, services with their standard's status,
# published maklumat, the latest published survey result (2).
UNIT_PROFIL_QUERIES = 8

DRAF_RAHASIA = "Teks-draf-rahasia-XQ7"


# --- helpers ------------------------------------------------------------------------------


def teks(response) -> str:
    """The page's visible text: tags removed, entities decoded, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def bagian(response, kunci: str) -> str:
    """The visible text of one component's section on a standard's page."""
    body = response.content.decode()
    start = body.index(f'<section class="komponen" id="komponen-{kunci}"')
    return re.sub(
        r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body[start : body.index("</section>", start)]))
    )


def url_layanan(layanan) -> str:
    return reverse("standar:layanan_detail", kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug})


def url_versi(layanan, nomor: int) -> str:
    return reverse(
        "standar:versi_detail", kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug, "nomor": nomor}
    )


def url_diff(layanan, dari: int, ke: int) -> str:
    return reverse(
        "standar:versi_diff",
        kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug, "dari": dari, "ke": ke},
    )


def ubah(versi, admin, **isi) -> None:
    """Edit components of a draft through the service."""
    for kunci, content in isi.items():
        row = versi.komponen_set.get(kunci=kunci)
        services.komponen_update(versi=versi, kunci=kunci, isi=content, revisi_dasar=row.revisi, oleh=admin)


def versi_baru(layanan, admin, kepala, status="terbit", **isi):
    """A new version of the service's standard, with these components changed, up to `status`."""
    versi = services.versi_draft_create(layanan=layanan, oleh=admin)
    ubah(versi, admin, **isi)
    return sampai(versi, status, admin, kepala)


def biaya_tarif(jumlah: int = 50000) -> dict:
    return {
        "gratis": False,
        "items": [
            {"uraian": "Retribusi cetak", "jumlah": jumlah, "dasar_hukum": "Perda Uji No. 1 Tahun 2024"}
        ],
    }


def terbitkan_maklumat(unit, admin, kepala, teks_maklumat="Kami sanggup melayani sesuai standar."):
    m = maklumat_services.maklumat_draft_create(
        unit=unit,
        data={
            "teks": teks_maklumat,
            "tempat": "Sukamaju",
            "tanggal": date(2026, 1, 6),
            "penandatangan_nama": "Budi Santoso, S.H.",
            "penandatangan_jabatan": "Kepala Dinas Uji",
            "penandatangan_nip": "197003151995031002",
        },
        oleh=admin,
    )
    maklumat_services.maklumat_decree(maklumat=m, oleh=kepala)
    return maklumat_services.maklumat_publish(maklumat=m, oleh=kepala)


# --- catalogue ----------------------------------------------------------------------------


def test_katalog_lists_active_services_with_their_standard_status(client):
    versi, _admin, _kepala = standar_terbit(LayananFactory(nama="Penerbitan Akta Kelahiran"))
    tanpa = LayananFactory(nama="Legalisasi Dokumen")
    LayananFactory(nama="Layanan Nonaktif", aktif=False)
    LayananFactory(nama="Layanan Unit Tutup", unit=UnitFactory(aktif=False))

    response = client.get(reverse("standar:katalog"))
    body, text = response.content.decode(), teks(response)
    assert response.status_code == 200
    assert "Penerbitan Akta Kelahiran" in text
    assert "Legalisasi Dokumen" in text
    assert "Layanan Nonaktif" not in text
    assert "Layanan Unit Tutup" not in text
    assert url_layanan(versi.standar.layanan) in body
    assert url_layanan(tanpa) in body
    assert tanpa.unit.nama in text
    assert tanpa.unit.instansi.nama in text
    assert "Versi 1, berlaku mulai 12 Januari 2026" in text
    assert "Standar belum terbit" in text
    assert 'href="/static/css/standar.css"' in body


def test_katalog_search_matches_service_unit_and_instansi(client):
    a = LayananFactory(
        nama="Penerbitan Akta Kelahiran",
        unit=UnitFactory(nama="Dinas Kependudukan", instansi=InstansiFactory(nama="Kabupaten Sukamaju")),
    )
    b = LayananFactory(
        nama="Izin Reklame",
        unit=UnitFactory(nama="Dinas Perizinan", instansi=InstansiFactory(nama="Kota Mekarsari")),
    )

    def names(q):
        return teks(client.get(reverse("standar:katalog"), {"q": q}))

    assert a.nama in names("akta")
    assert b.nama not in names("akta")
    assert b.nama in names("perizinan")
    assert a.nama not in names("perizinan")
    assert b.nama in names("mekarsari")
    assert a.nama not in names("mekarsari")
    # Every word must match somewhere (service, unit or instansi).
    assert a.nama in names("akta sukamaju")
    assert a.nama not in names("akta mekarsari")
    assert "Tidak ada layanan yang cocok" in names("tidak-ada-yang-cocok")


def test_katalog_filters_by_instansi_and_unit_with_dropdowns_from_the_database(client):
    ins1, ins2 = InstansiFactory(nama="Kabupaten Satu"), InstansiFactory(nama="Kabupaten Dua")
    u1, u2, u3 = UnitFactory(instansi=ins1), UnitFactory(instansi=ins1), UnitFactory(instansi=ins2)
    l1, l2, l3 = LayananFactory(unit=u1), LayananFactory(unit=u2), LayananFactory(unit=u3)

    body = client.get(reverse("standar:katalog")).content.decode()
    for obj in [ins1, ins2, u1, u2, u3]:
        assert f'<option value="{obj.slug}"' in body
    assert '<label for="katalog-instansi"' in body
    assert '<label for="katalog-unit"' in body
    assert '<label for="katalog-q"' in body

    text = teks(client.get(reverse("standar:katalog"), {"instansi": ins1.slug}))
    assert l1.nama in text
    assert l2.nama in text
    assert l3.nama not in text
    body = client.get(reverse("standar:katalog"), {"instansi": ins1.slug}).content.decode()
    assert f'<option value="{ins1.slug}" selected>' in body
    assert f'<option value="{u3.slug}"' not in body  # units narrowed to the chosen instansi

    text = teks(client.get(reverse("standar:katalog"), {"unit": u2.slug}))
    assert l2.nama in text
    assert l1.nama not in text
    assert l3.nama not in text

    text = teks(client.get(reverse("standar:katalog"), {"instansi": "tidak-ada"}))
    assert "Tidak ada layanan yang cocok" in text


def test_katalog_paginates_and_keeps_the_filters(client):
    unit = UnitFactory()
    LayananFactory.create_batch(KATALOG_PER_HALAMAN + 3, unit=unit)
    response = client.get(reverse("standar:katalog"), {"unit": unit.slug})
    body = response.content.decode()
    assert body.count('<th scope="row" role="rowheader">') == KATALOG_PER_HALAMAN
    assert f"Layanan 1–{KATALOG_PER_HALAMAN} dari {KATALOG_PER_HALAMAN + 3}" in teks(response)
    assert f"?unit={unit.slug}&amp;halaman=2" in body
    response = client.get(reverse("standar:katalog"), {"unit": unit.slug, "halaman": "2"})
    assert response.content.decode().count('<th scope="row" role="rowheader">') == 3
    # Nonsense page numbers fall back to a valid page.
    assert client.get(reverse("standar:katalog"), {"halaman": "x' OR 1=1"}).status_code == 200
    assert client.get(reverse("standar:katalog"), {"halaman": "999"}).status_code == 200


def test_katalog_handles_hostile_and_overlong_queries(client):
    LayananFactory(nama="Layanan Uji")
    for q in ["<script>alert(1)</script>", "' OR 1=1 --", "x" * 5000, "\u202eakta", "%"]:
        response = client.get(reverse("standar:katalog"), {"q": q, "instansi": q, "unit": q})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()
    body = client.get(reverse("standar:katalog"), {"q": "y" * 500}).content.decode()
    assert 'value="' + "y" * 100 + '"' in body  # the query is cut at 100 characters


# --- service page --------------------------------------------------------------------------


def test_service_page_shows_header_and_service_delivery_components_before_manufacturing(client):
    versi, _admin, _kepala = standar_terbit()
    layanan = versi.standar.layanan
    response = client.get(url_layanan(layanan))
    body, text = response.content.decode(), teks(response)
    assert response.status_code == 200
    assert f'<h1 class="h2">{layanan.nama}</h1>' in body
    for fakta in [layanan.unit.nama, layanan.unit.instansi.nama, "100.3.3/12/2026", "5 Januari 2026"]:
        assert fakta in text
    assert "Berlaku mulai 12 Januari 2026" in text
    assert "Versi 1" in text
    assert url_versi(layanan, 1) in body  # permanent link

    positions = {k.kunci: body.index(f'id="judul-{k.kunci}"') for k in komponen.KOMPONEN}
    sd = [positions[k.kunci] for k in komponen.service_delivery()]
    mf = [positions[k.kunci] for k in komponen.manufacturing()]
    assert sd == sorted(sd)
    assert mf == sorted(mf)
    assert max(sd) < min(mf)
    assert len(komponen.service_delivery()) == 6
    for k in komponen.KOMPONEN:
        assert k.label in text
    # The manufacturing group is available below, in a disclosure.
    assert body.index('id="kelompok-sd"') < body.index("<details") < min(mf)


def test_procedure_is_an_ordered_flow_with_actor_activity_and_duration(client):
    versi, _admin, _kepala = standar_terbit()
    body = client.get(url_layanan(versi.standar.layanan)).content.decode()
    flow = body[
        body.index('<ol class="alur-prosedur"') : body.index("</ol>", body.index('<ol class="alur-prosedur"'))
    ]
    langkah = isi_contoh()["prosedur"]["items"]
    assert flow.count('<li class="alur-langkah">') == len(langkah)
    positions = [flow.index(step["uraian"]) for step in langkah]
    assert positions == sorted(positions)
    assert "Petugas loket" in flow
    assert "Kepala Dinas" in flow
    assert "10 menit" in flow
    assert "15 menit" in flow
    assert "1 hari kerja" in flow
    assert "<script" not in body.split('<main id="konten"')[1].split("</main>")[0]  # no JavaScript


def test_amounts_in_rupiah_and_durations_with_units(client):
    isi = {
        "biaya": {
            "gratis": False,
            "items": [
                {"uraian": "Retribusi cetak", "jumlah": 50000, "dasar_hukum": "Perda Uji No. 1 Tahun 2024"},
                {"uraian": "Legalisasi", "jumlah": 1250000, "dasar_hukum": "Perda Uji No. 1 Tahun 2024"},
            ],
        },
        "jangka_waktu": {"jumlah": 14, "satuan": "hari_kerja"},
    }
    versi, _admin, _kepala = standar_terbit(isi=isi)
    text = teks(client.get(url_layanan(versi.standar.layanan)))
    assert "Rp 50.000" in text
    assert "Rp 1.250.000" in text
    assert "Perda Uji No. 1 Tahun 2024" in text
    assert "14 hari kerja" in text
    assert "Gratis" not in bagian(client.get(url_layanan(versi.standar.layanan)), "biaya")


def test_free_service_says_gratis(client):
    versi, _admin, _kepala = standar_terbit()  # the example content is free of charge
    response = client.get(url_layanan(versi.standar.layanan))
    assert "Gratis" in bagian(response, "biaya")
    assert "Rp " not in bagian(response, "biaya")
    assert "3 hari kerja" in bagian(response, "jangka_waktu")


def test_service_page_shows_published_maklumat_only(client):
    versi, admin, kepala = standar_terbit()
    layanan = versi.standar.layanan
    text = teks(client.get(url_layanan(layanan)))
    assert "Maklumat Pelayanan" not in text
    terbitkan_maklumat(layanan.unit, admin, kepala, "Kami sanggup melayani sesuai standar.")
    maklumat_services.maklumat_draft_create(
        unit=layanan.unit,
        data={
            "teks": "Maklumat baru yang masih draf.",
            "tempat": "Sukamaju",
            "tanggal": date(2026, 2, 1),
            "penandatangan_nama": "Budi Santoso, S.H.",
            "penandatangan_jabatan": "Kepala Dinas Uji",
            "penandatangan_nip": "",
        },
        oleh=admin,
    )
    text = teks(client.get(url_layanan(layanan)))
    assert "Kami sanggup melayani sesuai standar." in text
    assert "Sukamaju, 6 Januari 2026" in text
    assert "Budi Santoso, S.H." in text
    assert "Kepala Dinas Uji" in text
    assert "NIP. 197003151995031002" in text
    assert "Maklumat baru yang masih draf." not in text


def test_service_without_published_standard_says_so_and_shows_complaint_channels(client):
    layanan = LayananFactory()
    KanalPengaduanUnit.objects.create(unit=layanan.unit, jenis="telepon", nilai="0271 999 888")
    admin, _kepala = staf_unit(layanan.unit)
    draf = services.versi_draft_create(layanan=layanan, oleh=admin)
    isi_lengkap(draf, admin, {"produk": {"items": [{"uraian": DRAF_RAHASIA}]}})

    response = client.get(url_layanan(layanan))
    text = teks(response)
    assert response.status_code == 200
    assert "Belum ada standar pelayanan yang berlaku untuk layanan ini." in text
    assert layanan.unit.nama in text
    assert "0271 999 888" in text
    assert layanan.unit.alamat_pengaduan in text
    assert DRAF_RAHASIA not in text
    assert "Belum ada versi standar pelayanan yang terbit." in text
    assert client.get(url_versi(layanan, draf.nomor)).status_code == 404


# --- drafts are never public ---------------------------------------------------------------


@pytest.mark.parametrize("status", ["draf", "konsultasi", "perbaikan", "ditetapkan"])
def test_version_in_preparation_is_never_public(client, status):
    versi, admin, kepala = standar_terbit()
    layanan = versi.standar.layanan
    produk = {"items": [{"uraian": DRAF_RAHASIA}]}
    draf = versi_baru(layanan, admin, kepala, status=status, produk=produk)
    assert draf.status == status

    pages = [
        url_layanan(layanan),
        url_versi(layanan, 1),
        reverse("standar:katalog"),
        reverse("pelayanan:unit_profil", kwargs={"slug": layanan.unit.slug}),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert DRAF_RAHASIA not in response.content.decode(), url
    assert "Tidak ada layanan yang cocok" in teks(client.get(reverse("standar:katalog"), {"q": DRAF_RAHASIA}))
    assert client.get(url_versi(layanan, draf.nomor)).status_code == 404
    assert client.get(url_diff(layanan, 1, draf.nomor)).status_code == 404
    assert f"Versi {draf.nomor}" not in teks(client.get(url_layanan(layanan)))


def test_staff_do_not_see_drafts_on_public_pages_either(client):
    versi, admin, kepala = standar_terbit()
    layanan = versi.standar.layanan
    versi_baru(layanan, admin, kepala, status="draf", produk={"items": [{"uraian": DRAF_RAHASIA}]})
    client.force_login(admin)
    assert DRAF_RAHASIA not in client.get(url_layanan(layanan)).content.decode()
    assert client.get(url_versi(layanan, 2)).status_code == 404


# --- versions, history, supersession, revocation ------------------------------------------


def test_superseded_version_is_marked_and_links_to_the_current_one(client):
    versi, admin, kepala = standar_terbit(isi={"jangka_waktu": {"jumlah": 14, "satuan": "hari_kerja"}})
    layanan = versi.standar.layanan
    versi_baru(layanan, admin, kepala, jangka_waktu={"jumlah": 7, "satuan": "hari_kerja"})

    response = client.get(url_versi(layanan, 1))
    body, text = response.content.decode(), teks(response)
    assert response.status_code == 200
    assert "Versi ini sudah tidak berlaku: digantikan." in text
    assert "Digantikan oleh versi 2" in text
    assert f'href="{url_versi(layanan, 2)}"' in body
    assert f'href="{url_layanan(layanan)}"' in body
    assert "Lihat versi yang berlaku sekarang (versi 2)" in text
    assert "14 hari kerja" in text  # the old content, as it was

    response = client.get(url_versi(layanan, 2))
    assert "Ini versi yang berlaku." in teks(response)
    assert "7 hari kerja" in teks(response)

    # The service page shows version 2 and the history with both versions and the diff link.
    response = client.get(url_layanan(layanan))
    body, text = response.content.decode(), teks(response)
    assert "7 hari kerja" in text
    assert "14 hari kerja" not in text
    riwayat = body[body.index('id="riwayat"') :]
    assert riwayat.index(url_versi(layanan, 2)) < riwayat.index(url_versi(layanan, 1))
    assert f'href="{url_diff(layanan, 1, 2)}"' in riwayat
    assert "Digantikan oleh versi 2" in teks(response)
    assert "Versi pertama" in text


def test_revoked_version_has_a_banner_with_the_reason(client):
    versi, _admin, kepala = standar_terbit()
    layanan = versi.standar.layanan
    alasan = "Layanan dialihkan ke Mal Pelayanan Publik sejak Maret 2026."
    services.versi_revoke(versi=versi, alasan=alasan, oleh=kepala)

    response = client.get(url_versi(layanan, 1))
    text = teks(response)
    assert response.status_code == 200
    assert "Versi ini sudah tidak berlaku: dicabut." in text
    assert f"Alasan pencabutan: {alasan}" in text
    assert "Saat ini tidak ada versi yang berlaku." in text

    text = teks(client.get(url_layanan(layanan)))
    assert "Belum ada standar pelayanan yang berlaku untuk layanan ini." in text
    assert "sudah dicabut" in text
    assert "Dicabut" in text
    assert alasan in text

    text = teks(client.get(reverse("standar:katalog")))
    assert "Tidak ada standar yang berlaku" in text


# --- diff ----------------------------------------------------------------------------------


def test_diff_page_shows_field_level_changes(client):
    versi, admin, kepala = standar_terbit(isi={"jangka_waktu": {"jumlah": 3, "satuan": "hari_kerja"}})
    layanan = versi.standar.layanan
    persyaratan = isi_contoh()["persyaratan"]
    persyaratan["items"].append({"uraian": "Surat pengantar RT/RW", "jenis": "administratif"})
    versi_baru(
        layanan,
        admin,
        kepala,
        jangka_waktu={"jumlah": 7, "satuan": "hari_kerja"},
        biaya=biaya_tarif(50000),
        persyaratan=persyaratan,
    )
    versi_baru(layanan, admin, kepala, biaya={"gratis": True, "items": []})

    response = client.get(url_diff(layanan, 1, 2))
    body, text = response.content.decode(), teks(response)
    assert response.status_code == 200
    assert "3 → 7 hari kerja" in body
    assert "Gratis → Rp 50.000" in body
    assert "Ditambah Surat pengantar RT/RW (Administratif)" in text
    for k in [komponen.get("jangka_waktu"), komponen.get("biaya"), komponen.get("persyaratan")]:
        assert f">{k.label}</h3>" in body
    assert f">{komponen.get('produk').label}</h3>" not in body  # unchanged: not listed
    assert "3 komponen berubah" in text
    assert url_versi(layanan, 1) in body
    assert url_versi(layanan, 2) in body

    text = teks(client.get(url_diff(layanan, 2, 3)))
    assert "Rp 50.000 → Gratis" in text
    # Any two published versions can be compared, not only neighbours.
    assert "3 → 7 hari kerja" in teks(client.get(url_diff(layanan, 1, 3)))
    assert "Tidak ada perubahan" not in text


def test_diff_shows_reordered_and_removed_items(client):
    versi, admin, kepala = standar_terbit()
    layanan = versi.standar.layanan
    prosedur = isi_contoh()["prosedur"]
    prosedur["items"] = list(reversed(prosedur["items"][1:]))
    versi_baru(layanan, admin, kepala, prosedur=prosedur)
    text = teks(client.get(url_diff(layanan, 1, 2)))
    assert "Urutan diubah" in text
    assert "Dihapus Pemohon: Mengambil nomor antrean" in text


@pytest.mark.parametrize(("dari", "ke"), [(2, 1), (1, 1), (1, 9), (0, 1)])
def test_diff_between_unknown_or_misordered_versions_is_404(client, dari, ke):
    versi, admin, kepala = standar_terbit()
    versi_baru(versi.standar.layanan, admin, kepala, jangka_waktu={"jumlah": 7, "satuan": "hari_kerja"})
    assert client.get(url_diff(versi.standar.layanan, dari, ke)).status_code == 404


def test_unknown_services_units_and_versions_are_404(client):
    versi, _admin, _kepala = standar_terbit()
    layanan = versi.standar.layanan
    unit = layanan.unit.slug
    for url in [
        reverse("standar:layanan_detail", kwargs={"unit": unit, "layanan": "tidak-ada"}),
        reverse("standar:layanan_detail", kwargs={"unit": "tidak-ada", "layanan": layanan.slug}),
        url_versi(layanan, 2),
        url_versi(layanan, 0),
    ]:
        assert client.get(url).status_code == 404, url
    other = LayananFactory()  # right slugs, wrong unit
    assert (
        client.get(
            reverse("standar:layanan_detail", kwargs={"unit": other.unit.slug, "layanan": layanan.slug})
        ).status_code
        == 404
    )

    layanan.aktif = False
    layanan.save()
    assert client.get(url_layanan(layanan)).status_code == 404
    assert client.get(url_versi(layanan, 1)).status_code == 404
    layanan.aktif = True
    layanan.save()
    layanan.unit.aktif = False
    layanan.unit.save()
    assert client.get(url_layanan(layanan)).status_code == 404


def test_public_pages_only_answer_get(client):
    versi, _admin, _kepala = standar_terbit()
    assert client.post(url_layanan(versi.standar.layanan)).status_code == 405
    assert client.post(reverse("standar:katalog")).status_code == 405


# --- escaping ------------------------------------------------------------------------------


def test_html_and_script_in_content_are_escaped(client):
    jahat = '<script>alert("x")</script><b>tebal</b>'
    prosedur = isi_contoh()["prosedur"]
    prosedur["items"][0]["pelaksana"] = jahat
    prosedur["items"][0]["uraian"] = jahat
    isi = {
        "persyaratan": {"items": [{"uraian": jahat, "jenis": "teknis"}]},
        "prosedur": prosedur,
        "pengawasan": {"teks": jahat},
        "biaya": {"gratis": False, "items": [{"uraian": jahat, "jumlah": 1000, "dasar_hukum": jahat}]},
        "pengaduan": {"items": [{"jenis": "website", "nilai": jahat}], "catatan": jahat},
    }
    layanan = LayananFactory(nama='Layanan <img src=x onerror="alert(1)">')
    _versi, admin, kepala = standar_terbit(layanan, isi=isi)
    versi_baru(layanan, admin, kepala, pengawasan={"teks": "Aman."})
    services.versi_revoke(
        versi=layanan.standar.versi_set.get(nomor=2), alasan=f"Dicabut karena {jahat}", oleh=kepala
    )
    for url in [
        url_layanan(layanan),
        url_versi(layanan, 1),
        url_versi(layanan, 2),
        url_diff(layanan, 1, 2),
        reverse("standar:katalog"),
        reverse("pelayanan:unit_profil", kwargs={"slug": layanan.unit.slug}),
    ]:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "<b>tebal</b>" not in body, url
        assert "<img src=x" not in body, url
    body = client.get(url_versi(layanan, 1)).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


# --- the component partial (shared with staff pages) ------------------------------------------


@pytest.mark.parametrize("k", komponen.KOMPONEN, ids=lambda k: k.kunci)
def test_component_partial_renders_every_kind_from_k_and_isi_alone(k):
    html = render_to_string("standar/_komponen_isi.html", {"k": k, "isi": isi_contoh()[k.kunci]})
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert "Belum diisi." not in text
    # Every text field of every item is shown; a choice as its label, never its code.
    for item in k.jenis.items(isi_contoh()[k.kunci]):
        for f in k.jenis.fields:
            value = item.get(f.name)
            if f.choices is not None and value:
                assert str(f.choices[value]) in text, (k.kunci, f.name)
            elif f.kind in ("text", "longtext") and value:
                assert value in text, (k.kunci, f.name)
    empty = render_to_string("standar/_komponen_isi.html", {"k": k, "isi": k.jenis.empty()})
    assert "Belum diisi." in empty


def test_component_partial_lists_are_numbered_and_flow_is_an_ordered_list():
    isi = isi_contoh()
    html = render_to_string(
        "standar/_komponen_isi.html", {"k": komponen.get("persyaratan"), "isi": isi["persyaratan"]}
    )
    assert '<ol class="isi-daftar">' in html
    assert html.count("<li>") == len(isi["persyaratan"]["items"])
    html = render_to_string(
        "standar/_komponen_isi.html", {"k": komponen.get("prosedur"), "isi": isi["prosedur"]}
    )
    assert html.lstrip().startswith('<ol class="alur-prosedur"')
    html = render_to_string(
        "standar/_komponen_isi.html", {"k": komponen.get("evaluasi_kinerja"), "isi": isi["evaluasi_kinerja"]}
    )
    assert "Dilakukan setiap 6 bulan." in html
    html = render_to_string(
        "standar/_komponen_isi.html", {"k": komponen.get("jumlah_pelaksana"), "isi": isi["jumlah_pelaksana"]}
    )
    assert "<caption>" in html
    assert '<th scope="row" class="fw-normal">Operator SIAK</th>' in html


# --- unit profile ----------------------------------------------------------------------------


def test_unit_profile_lists_services_with_standard_status_and_maklumat(client):
    versi, admin, kepala = standar_terbit(LayananFactory(nama="Penerbitan Akta Kelahiran"))
    unit = versi.standar.layanan.unit
    tanpa = LayananFactory(unit=unit, nama="Legalisasi Dokumen")
    KanalPengaduanUnit.objects.create(unit=unit, jenis="email", nilai="aduan@uji.example")
    url = reverse("pelayanan:unit_profil", kwargs={"slug": unit.slug})

    text = teks(client.get(url))
    assert "Unit ini belum menerbitkan maklumat pelayanan." in text
    terbitkan_maklumat(unit, admin, kepala)

    response = client.get(url)
    body, text = response.content.decode(), teks(response)
    assert f'href="{url_layanan(versi.standar.layanan)}"' in body
    assert f'href="{url_layanan(tanpa)}"' in body
    assert "Versi 1, berlaku mulai 12 Januari 2026" in text
    assert "Standar belum terbit" in text
    assert "Kami sanggup melayani sesuai standar." in text
    assert "Budi Santoso, S.H." in text
    # The Pasal 23(4) items are still there.
    for fakta in [unit.penanggung_jawab_nama, unit.alamat, unit.telepon, unit.email, "aduan@uji.example"]:
        assert fakta in text


# --- accessibility basics --------------------------------------------------------------------


def test_headings_are_in_order_and_tables_have_captions(client):
    versi, admin, kepala = standar_terbit(isi={"biaya": biaya_tarif()})
    layanan = versi.standar.layanan
    versi_baru(layanan, admin, kepala, jangka_waktu={"jumlah": 7, "satuan": "hari_kerja"})
    for url in [
        url_layanan(layanan),
        url_versi(layanan, 1),
        url_diff(layanan, 1, 2),
        reverse("standar:katalog"),
        reverse("pelayanan:unit_profil", kwargs={"slug": layanan.unit.slug}),
    ]:
        body = client.get(url).content.decode()
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", body)]
        assert levels[0] == 1, url
        assert levels.count(1) == 1, url
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (url, levels)
        assert body.count("<table") == body.count("<caption"), url
        assert '<th scope="col"' in body or "<table" not in body, url


# --- query counts --------------------------------------------------------------------------


def _standar_dengan_versi(jumlah_versi: int, jumlah_butir: int):
    """A service with `jumlah_versi` published versions; the last has `jumlah_butir` items."""
    versi, admin, kepala = standar_terbit()
    layanan = versi.standar.layanan
    for n in range(2, jumlah_versi + 1):
        versi_baru(layanan, admin, kepala, jangka_waktu={"jumlah": n, "satuan": "hari_kerja"})
    items = [{"uraian": f"Persyaratan {i}", "jenis": "administratif"} for i in range(jumlah_butir)]
    versi_baru(layanan, admin, kepala, persyaratan={"items": items})
    return layanan, admin, kepala


@pytest.mark.parametrize(("jumlah_versi", "jumlah_butir"), [(1, 1), (5, 30)])
def test_service_version_and_diff_pages_query_count_is_constant(
    client, django_assert_num_queries, jumlah_versi, jumlah_butir
):
    layanan, admin, kepala = _standar_dengan_versi(jumlah_versi, jumlah_butir)
    terbitkan_maklumat(layanan.unit, admin, kepala)
    KanalPengaduanUnit.objects.create(unit=layanan.unit, jenis="telepon", nilai="0271 1")
    terakhir = jumlah_versi + 1
    with django_assert_num_queries(LAYANAN_QUERIES):
        assert client.get(url_layanan(layanan)).status_code == 200
    with django_assert_num_queries(VERSI_QUERIES):
        assert client.get(url_versi(layanan, 1)).status_code == 200
    with django_assert_num_queries(VERSI_QUERIES):
        assert client.get(url_versi(layanan, terakhir)).status_code == 200
    with django_assert_num_queries(DIFF_QUERIES):
        assert client.get(url_diff(layanan, 1, terakhir)).status_code == 200


@pytest.mark.parametrize("jumlah_layanan", [3, 30])
def test_katalog_query_count_is_constant(client, django_assert_num_queries, jumlah_layanan):
    for n in range(jumlah_layanan):
        layanan = LayananFactory(unit=UnitFactory(instansi=InstansiFactory()))
        if n % 10 == 0:
            standar_terbit(layanan)
    with django_assert_num_queries(KATALOG_QUERIES):
        response = client.get(reverse("standar:katalog"))
    assert "Versi 1" in teks(response)
    with django_assert_num_queries(KATALOG_QUERIES):
        client.get(reverse("standar:katalog"), {"q": "layanan uji", "halaman": "2"})


@pytest.mark.parametrize("jumlah_layanan", [3, 30])
def test_unit_profile_query_count_is_constant(client, django_assert_num_queries, jumlah_layanan):
    unit = UnitFactory()
    layanan = LayananFactory.create_batch(jumlah_layanan, unit=unit)
    _versi, admin, kepala = standar_terbit(layanan[0])
    for other in layanan[1::10]:
        v = services.versi_draft_create(layanan=other, oleh=admin)
        isi_lengkap(v, admin)
        sampai(v, "terbit", admin, kepala)
    terbitkan_maklumat(unit, admin, kepala)
    KanalPengaduanUnit.objects.create(unit=unit, jenis="telepon", nilai="0271 1")
    with django_assert_num_queries(UNIT_PROFIL_QUERIES):
        response = client.get(reverse("pelayanan:unit_profil", kwargs={"slug": unit.slug}))
    assert "Kami sanggup melayani sesuai standar." in teks(response)
