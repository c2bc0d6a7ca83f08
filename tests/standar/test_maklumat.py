"""The maklumat pelayanan: staff pages (draft, edit, decree, publish) and the PP 96/2012
Pasal 30 reminder (published within 7 working days of a standard's penetapan)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from pelayanan.choices import Peran
from pelayanan.models import JejakAudit
from standar.choices import StatusMaklumat
from standar.maklumat import (
    TEKS_BAKU,
    maklumat_decree,
    maklumat_draft_create,
    maklumat_publish,
    maklumat_reminder,
)
from standar.models import Maklumat, VersiStandar
from tests.factories import UnitFactory, grant, user_factory
from tests.standar.helpers import staf_unit, standar_terbit

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
NIP = "197001011995031001"  # 18 digits
TEKS = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan, "
    "melakukan perbaikan secara terus-menerus, dan siap menerima sanksi."
)

# Session, user, unit with instansi, role grants, the unit's maklumat versions, the reminder
# (latest decree, maklumat published since, the holiday data of one year), and the
# request's savepoint pair (ATOMIC_REQUESTS).
DAFTAR_QUERIES = 10


def isian(**changes) -> dict:
    """Service input (standar.maklumat)."""
    data = {
        "teks": TEKS,
        "tempat": "Sukamaju",
        "tanggal": date(2026, 10, 5),
        "penandatangan_nama": "Drs. Hendra Wijaya, M.Si.",
        "penandatangan_jabatan": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        "penandatangan_nip": NIP,
    }
    data.update(changes)
    return data


def kiriman(**changes) -> dict:
    """Form input as the browser sends it."""
    data = {**isian(), "tanggal": "2026-10-05"}
    data.update(changes)
    return data


def url_daftar(unit):
    return reverse("standar:maklumat_daftar", kwargs={"unit": unit.slug})


def url_baru(unit):
    return reverse("standar:maklumat_baru", kwargs={"unit": unit.slug})


def url_ubah(m):
    return reverse("standar:maklumat_ubah", kwargs={"pk": m.pk})


def url_langkah(m, langkah):
    return reverse("standar:maklumat_langkah", kwargs={"pk": m.pk, "langkah": langkah})


def terbitkan(unit, admin, kepala, **changes) -> Maklumat:
    m = maklumat_draft_create(unit=unit, data=isian(**changes), oleh=admin)
    maklumat_decree(maklumat=m, oleh=kepala)
    return maklumat_publish(maklumat=m, oleh=kepala)


def snapshot(unit):
    return list(unit.maklumat_set.order_by("nomor").values_list("nomor", "status", *isian().keys()))


@pytest.fixture
def tim():
    """A unit with its admin unit and kepala unit."""
    unit = UnitFactory(penanggung_jawab_nama="Ir. Siti Rahayu", penanggung_jawab_jabatan="Kepala Dinas")
    admin, kepala = staf_unit(unit)
    return unit, admin, kepala


# --- Drafting, editing, decree and publication through the pages ---------------------------


def test_admin_unit_creates_a_draft_from_the_standard_wording(client, tim):
    unit, admin, _ = tim
    client.force_login(admin)
    page = client.get(url_daftar(unit)).content.decode()
    assert "Belum ada maklumat pelayanan." in page
    assert f'href="{url_baru(unit)}"' in page  # "Buat maklumat baru"

    form = client.get(url_baru(unit))
    body = form.content.decode()
    assert form.status_code == 200
    assert str(TEKS_BAKU) in body  # the standard wording with the three statements
    assert 'value="Ir. Siti Rahayu"' in body  # signatory from the unit's profile
    assert 'type="date"' in body
    for label in ["Teks maklumat", "Tempat penetapan", "Tanggal", "Nama penandatangan", "NIP penandatangan"]:
        assert label in body

    response = client.post(url_baru(unit), kiriman(), follow=True)
    assert response.redirect_chain == [(url_daftar(unit), 302)]
    m = unit.maklumat_set.get()
    assert (m.nomor, m.status, m.teks, m.tanggal, m.penandatangan_nip) == (
        1,
        StatusMaklumat.DRAF,
        TEKS,
        date(2026, 10, 5),
        NIP,
    )
    assert m.dibuat_oleh == admin
    assert JejakAudit.objects.filter(aksi="maklumat.draf_baru", aktor=admin).exists()
    body = response.content.decode()
    assert "Draf maklumat versi 1 disimpan" in body
    assert url_ubah(m) in body
    # A draft exists: no second "new" button, and the new page leads to the draft.
    assert "Buat maklumat baru" not in body
    assert client.get(url_baru(unit))["Location"] == url_ubah(m)


def test_new_maklumat_starts_from_the_published_one(client, tim):
    unit, admin, kepala = tim
    terbitkan(unit, admin, kepala, teks="Teks khusus unit yang berlaku.", tempat="Kota Lama")
    client.force_login(admin)

    body = client.get(url_baru(unit)).content.decode()

    assert "Teks khusus unit yang berlaku." in body
    assert 'value="Kota Lama"' in body
    assert str(TEKS_BAKU) not in body
    assert "Isian disalin dari maklumat versi 1 yang berlaku." in body


def test_admin_unit_edits_a_draft_and_sees_the_preview(client, tim):
    unit, admin, _ = tim
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    client.force_login(admin)

    response = client.post(
        url_ubah(m), kiriman(tempat="Sukamaju Kota", penandatangan_nama="Dr. Bambang Sutrisno")
    )

    assert response.status_code == 302
    m.refresh_from_db()
    assert (m.tempat, m.penandatangan_nama, m.status) == (
        "Sukamaju Kota",
        "Dr. Bambang Sutrisno",
        StatusMaklumat.DRAF,
    )
    assert JejakAudit.objects.filter(aksi="maklumat.ubah", aktor=admin).exists()
    body = client.get(response["Location"]).content.decode()
    assert "Draf maklumat disimpan." in body
    assert 'name="teks"' in body  # still editable
    preview = body[body.index('id="pratinjau-') :]
    for text in [TEKS, "Sukamaju Kota, 5 Oktober 2026", "Dr. Bambang Sutrisno", f"NIP. {NIP}"]:
        assert text in preview


def test_kepala_unit_decrees_and_publishes_through_the_pages(client, tim):
    unit, admin, kepala = tim
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    client.force_login(kepala)

    page = client.get(url_daftar(unit)).content.decode()
    assert url_langkah(m, "tetapkan") in page
    assert url_langkah(m, "terbitkan") not in page
    assert "Buat maklumat baru" not in page  # not the kepala's task

    response = client.post(url_langkah(m, "tetapkan"), follow=True)
    assert response.redirect_chain == [(url_daftar(unit), 302)]
    m.refresh_from_db()
    assert m.status == StatusMaklumat.DITETAPKAN
    assert m.ditetapkan_pada is not None
    body = response.content.decode()
    assert "Maklumat versi 1 ditetapkan." in body
    assert url_langkah(m, "terbitkan") in body
    assert url_langkah(m, "tetapkan") not in body

    response = client.post(url_langkah(m, "terbitkan"), follow=True)
    m.refresh_from_db()
    assert m.status == StatusMaklumat.TERBIT
    assert m.diterbitkan_pada is not None
    assert "Maklumat versi 1 diterbitkan dan kini berlaku." in response.content.decode()
    assert {"maklumat.tetapkan", "maklumat.terbitkan"} <= set(
        JejakAudit.objects.filter(aktor=kepala).values_list("aksi", flat=True)
    )


def test_kepala_unit_sees_the_draft_read_only_with_the_steps(client, tim):
    unit, admin, kepala = tim
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    client.force_login(kepala)

    body = client.get(url_ubah(m)).content.decode()

    assert 'name="teks"' not in body
    assert "Anda dapat melihatnya tetapi tidak mengubahnya" in body
    assert TEKS in body
    assert url_langkah(m, "tetapkan") in body


def test_publishing_a_second_maklumat_supersedes_the_first(client, tim):
    unit, admin, kepala = tim
    pertama = terbitkan(unit, admin, kepala)

    client.force_login(admin)
    client.post(url_baru(unit), kiriman(teks="Maklumat versi kedua."))
    kedua = unit.maklumat_set.get(nomor=2)
    client.force_login(kepala)
    client.post(url_langkah(kedua, "tetapkan"))
    client.post(url_langkah(kedua, "terbitkan"))

    pertama.refresh_from_db()
    kedua.refresh_from_db()
    assert pertama.status == StatusMaklumat.DIGANTIKAN
    assert kedua.status == StatusMaklumat.TERBIT
    body = client.get(url_daftar(unit)).content.decode()
    rows = body[body.index("<tbody>") :]
    assert rows.index('<tr class="table-success">') < rows.index(">2</th>") < rows.index(">1</th>")
    assert rows.count("table-success") == 1
    assert "Digantikan" in rows


# --- Refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("siapa", ["admin_unit_lain", "warga", "anonim"])
def test_outsiders_are_refused_every_page_and_change_nothing(client, tim, siapa):
    unit, admin, kepala = tim
    terbitkan(unit, admin, kepala)
    draf = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    if siapa == "admin_unit_lain":
        lain = user_factory()
        grant(lain, Peran.ADMIN_UNIT, unit=UnitFactory(instansi=unit.instansi))
        client.force_login(lain)
    elif siapa == "warga":
        client.force_login(user_factory())
    before = snapshot(unit)

    requests = [
        ("get", url_daftar(unit), None),
        ("get", url_baru(unit), None),
        ("post", url_baru(unit), kiriman()),
        ("get", url_ubah(draf), None),
        ("post", url_ubah(draf), kiriman(teks="Diubah orang lain.")),
        ("post", url_langkah(draf, "tetapkan"), None),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data or {})
        if siapa == "anonim":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("pelayanan:login")), url
        else:
            assert response.status_code == 403, url

    assert snapshot(unit) == before


def test_admin_unit_may_not_decree_or_publish(client, tim):
    unit, admin, kepala = tim
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    client.force_login(admin)

    assert url_langkah(m, "tetapkan") not in client.get(url_daftar(unit)).content.decode()
    assert client.post(url_langkah(m, "tetapkan")).status_code == 403
    m.refresh_from_db()
    assert m.status == StatusMaklumat.DRAF

    maklumat_decree(maklumat=m, oleh=kepala)
    assert client.post(url_langkah(m, "terbitkan")).status_code == 403
    m.refresh_from_db()
    assert m.status == StatusMaklumat.DITETAPKAN
    assert not JejakAudit.objects.filter(aktor=admin, aksi__in=["maklumat.tetapkan", "maklumat.terbitkan"])


def test_kepala_unit_may_not_draft_or_edit(client, tim):
    unit, admin, kepala = tim
    client.force_login(kepala)
    assert client.get(url_baru(unit)).status_code == 403
    assert client.post(url_baru(unit), kiriman()).status_code == 403
    assert not unit.maklumat_set.exists()

    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    assert client.post(url_ubah(m), kiriman(teks="Diubah kepala.")).status_code == 403
    m.refresh_from_db()
    assert m.teks == TEKS


@pytest.mark.parametrize(
    ("peran", "lingkup"),
    [(Peran.PENGELOLA_PENGADUAN, "unit"), (Peran.PENANGGUNG_JAWAB, "instansi"), (Peran.PEMBINA, "instansi")],
)
def test_monitoring_roles_see_the_list_read_only(client, tim, peran, lingkup):
    unit, admin, _kepala = tim
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    pemantau = user_factory()
    grant(pemantau, peran, **{lingkup: unit if lingkup == "unit" else unit.instansi})
    client.force_login(pemantau)

    response = client.get(url_daftar(unit))
    body = response.content.decode()
    assert response.status_code == 200
    assert url_ubah(m) in body
    assert "/langkah/" not in body
    assert "Buat maklumat baru" not in body
    assert 'name="teks"' not in client.get(url_ubah(m)).content.decode()


def test_unknown_step_is_404_and_steps_need_post(client, tim):
    unit, admin, kepala = tim
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    client.force_login(kepala)
    assert client.post(url_langkah(m, "hapus")).status_code == 404
    assert client.get(url_langkah(m, "tetapkan")).status_code == 405
    assert client.post(reverse("standar:maklumat_langkah", args=[999999, "tetapkan"])).status_code == 404
    m.refresh_from_db()
    assert m.status == StatusMaklumat.DRAF


def test_a_step_out_of_order_is_an_error_message_not_a_crash(client, tim):
    unit, admin, kepala = tim
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    client.force_login(kepala)

    response = client.post(url_langkah(m, "terbitkan"), follow=True)

    assert response.redirect_chain == [(url_daftar(unit), 302)]
    assert "Langkah ini tidak dapat dilakukan pada maklumat berstatus Draf." in response.content.decode()
    m.refresh_from_db()
    assert m.status == StatusMaklumat.DRAF


# --- Validation ---------------------------------------------------------------------------------


def test_empty_text_is_refused_and_the_input_is_kept(client, tim):
    unit, admin, _ = tim
    client.force_login(admin)

    response = client.post(url_baru(unit), kiriman(teks="   ", tempat="Tempat Yang Diketik"))

    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="error_1_id_teks"' in body  # the error sits with the teks field
    assert 'value="Tempat Yang Diketik"' in body
    assert not unit.maklumat_set.exists()


def test_nip_of_ten_digits_is_refused_by_the_service_and_the_input_is_kept(client, tim):
    unit, admin, _ = tim
    client.force_login(admin)

    response = client.post(url_baru(unit), kiriman(penandatangan_nip="1234567890"))

    body = response.content.decode()
    assert response.status_code == 400
    assert "NIP terdiri atas 18 angka." in body
    assert 'id="error_1_id_penandatangan_nip"' in body
    assert 'href="#id_penandatangan_nip"' in body  # the error summary links to the field
    assert 'value="1234567890"' in body
    assert TEKS in body
    assert not unit.maklumat_set.exists()

    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    response = client.post(url_ubah(m), kiriman(penandatangan_nip="1234567890"))
    assert response.status_code == 400
    assert "NIP terdiri atas 18 angka." in response.content.decode()
    m.refresh_from_db()
    assert m.penandatangan_nip == NIP


def test_html_in_the_text_is_kept_as_text_and_escaped(client, tim):
    unit, admin, kepala = tim
    client.force_login(admin)
    teks = '<script>alert("x")</script> <b>Kami sanggup</b>'

    client.post(url_baru(unit), kiriman(teks=teks))

    m = unit.maklumat_set.get()
    assert m.teks == teks
    for user in (admin, kepala):
        client.force_login(user)
        body = client.get(url_ubah(m)).content.decode()
        assert "<script>alert" not in body
        assert "<b>Kami sanggup</b>" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_a_second_draft_while_one_is_in_preparation_is_refused(client, tim):
    unit, admin, _ = tim
    maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    client.force_login(admin)

    response = client.post(url_baru(unit), kiriman(teks="Draf kedua."))

    assert response.status_code == 400
    assert "sudah memiliki maklumat yang sedang disusun" in response.content.decode()
    assert unit.maklumat_set.count() == 1


def test_a_decreed_maklumat_cannot_be_edited(client, tim):
    unit, admin, kepala = tim
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    maklumat_decree(maklumat=m, oleh=kepala)
    client.force_login(admin)

    response = client.post(url_ubah(m), kiriman(teks="Diubah setelah ditetapkan."), follow=True)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Maklumat yang sudah ditetapkan tidak dapat diubah." in body
    assert "berstatus Ditetapkan dan tidak dapat diubah" in body
    assert 'name="teks"' not in body
    m.refresh_from_db()
    assert (m.teks, m.status) == (TEKS, StatusMaklumat.DITETAPKAN)


# --- The reminder (PP 96/2012 Pasal 30): service ------------------------------------------------

# The standard is decreed on Thursday 1 October 2026 (D). Seven working days after D:
# Fri 2 Oct (1), [Sat 3, Sun 4], Mon 5 (2), Tue 6 (3), Wed 7 (4), Thu 8 (5), Fri 9 (6),
# [Sat 10, Sun 11], Mon 12 Oct (7). No national holiday or cuti bersama falls in between
# (1 Oct, Hari Kesaktian Pancasila, is a commemoration, not a holiday; the nearest holidays
# of 2026 are 25 Aug and 24-25 Dec), so the deadline is Monday 12 October 2026.
D = datetime(2026, 10, 1, 10, 0, tzinfo=WIB)
BATAS = date(2026, 10, 12)


@pytest.fixture
def terbit_pada_d():
    """A unit whose standard was decreed (and published) on D; returns (unit, admin, kepala)."""
    versi, admin, kepala = standar_terbit()
    VersiStandar.objects.filter(pk=versi.pk).update(ditetapkan_pada=D)
    return versi.standar.layanan.unit, admin, kepala


def test_reminder_gives_seven_working_days_across_the_weekend(terbit_pada_d):
    unit, _, _ = terbit_pada_d

    pengingat = maklumat_reminder(unit, today=date(2026, 10, 2))

    assert pengingat is not None
    assert (pengingat.ditetapkan, pengingat.batas, pengingat.terlambat) == (date(2026, 10, 1), BATAS, False)


def test_reminder_is_overdue_only_after_the_deadline(terbit_pada_d):
    unit, _, _ = terbit_pada_d
    assert maklumat_reminder(unit, today=BATAS).terlambat is False
    assert maklumat_reminder(unit, today=date(2026, 10, 13)).terlambat is True


def test_no_reminder_without_a_decreed_standard(tim):
    unit, _, _ = tim
    assert maklumat_reminder(unit, today=date(2026, 10, 2)) is None


def test_reminder_ends_when_a_maklumat_is_published_after_the_decree(terbit_pada_d):
    unit, admin, kepala = terbit_pada_d
    m = terbitkan(unit, admin, kepala)

    # Published before D: the obligation for the decree of D is still open.
    Maklumat.objects.filter(pk=m.pk).update(diterbitkan_pada=datetime(2026, 9, 30, 9, 0, tzinfo=WIB))
    assert maklumat_reminder(unit, today=date(2026, 10, 5)).batas == BATAS

    # Published after D: no reminder.
    Maklumat.objects.filter(pk=m.pk).update(diterbitkan_pada=datetime(2026, 10, 6, 9, 0, tzinfo=WIB))
    assert maklumat_reminder(unit, today=date(2026, 10, 5)) is None
    assert maklumat_reminder(unit, today=date(2026, 12, 1)) is None


# --- The reminder on the page, and the page's query count ---------------------------------------


def test_daftar_shows_the_reminder_and_marks_it_overdue(client):
    versi, admin, kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    client.force_login(kepala)

    # Decreed just now: the deadline lies ahead.
    body = client.get(url_daftar(unit)).content.decode()
    assert "Maklumat perlu dipublikasikan" in body
    assert "paling lama 7 hari kerja" in body
    assert "telah lewat" not in body

    # Decreed on D, long before today: overdue.
    VersiStandar.objects.filter(pk=versi.pk).update(ditetapkan_pada=D)
    body = client.get(url_daftar(unit)).content.decode()
    assert "ditetapkan pada 1 Oktober 2026" in body
    assert "paling lambat 12 Oktober 2026" in body
    assert "Terlambat" in body
    assert "Batas waktu itu telah lewat." in body

    # A maklumat published since: the reminder is gone.
    terbitkan(unit, admin, kepala)
    body = client.get(url_daftar(unit)).content.decode()
    assert 'id="pengingat"' not in body


def test_daftar_query_count_does_not_grow_with_versions(client, django_assert_num_queries):
    versi, admin, kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    client.force_login(kepala)
    url = url_daftar(unit)

    def reminder_open():
        # Every maklumat is published before the decree on D, so the reminder shows.
        unit.maklumat_set.exclude(diterbitkan_pada=None).update(
            diterbitkan_pada=datetime(2026, 9, 1, 9, 0, tzinfo=WIB)
        )
        VersiStandar.objects.filter(pk=versi.pk).update(ditetapkan_pada=D)

    terbitkan(unit, admin, kepala)
    maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    reminder_open()
    with django_assert_num_queries(DAFTAR_QUERIES):
        assert 'id="pengingat"' in client.get(url).content.decode()

    unit.maklumat_set.filter(status=StatusMaklumat.DRAF).delete()
    for _ in range(4):
        terbitkan(unit, admin, kepala)
    m = maklumat_draft_create(unit=unit, data=isian(), oleh=admin)
    maklumat_decree(maklumat=m, oleh=kepala)
    reminder_open()
    with django_assert_num_queries(DAFTAR_QUERIES):
        body = client.get(url).content.decode()
    assert body.count("<tr") == 1 + 6  # header and six versions
    assert url_langkah(m, "terbitkan") in body
