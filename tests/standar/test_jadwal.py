"""The review schedule of published standards (standar.jadwal, PP 96/2012 Pasal 32–33) and the
yearly evaluation record (standar.services.evaluasi_penerapan_record) with its staff form."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pelayanan.choices import Peran
from pelayanan.models import JejakAudit
from standar import jadwal, services
from standar.choices import KesimpulanEvaluasi, StatusVersi
from standar.models import EvaluasiPenerapan, VersiStandar
from tests.factories import LayananFactory, UnitFactory, grant, user_factory
from tests.standar.helpers import isi_lengkap, sampai, standar_terbit

pytestmark = pytest.mark.django_db


def pada(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(10, 0)))


def terbit_pada(versi: VersiStandar, berlaku: date, diterbitkan: date | None = None) -> VersiStandar:
    """Date a published version as if it had been published on `diterbitkan`."""
    VersiStandar.objects.filter(pk=versi.pk).update(
        berlaku_mulai=berlaku, diterbitkan_pada=pada(diterbitkan or berlaku), ditetapkan_pada=pada(berlaku)
    )
    versi.refresh_from_db()
    return versi


def evaluasi(versi: VersiStandar, tanggal: date, oleh=None) -> EvaluasiPenerapan:
    return EvaluasiPenerapan.objects.create(
        versi=versi,
        tanggal=tanggal,
        kesimpulan=KesimpulanEvaluasi.SESUAI,
        ringkasan="Diterapkan sesuai standar.",
        dicatat_oleh=oleh or versi.dibuat_oleh,
    )


# --- the arithmetic -----------------------------------------------------------------------


def test_due_dates():
    assert jadwal.evaluasi_jatuh_tempo(date(2025, 3, 10)) == date(2026, 3, 10)
    # The latest evaluation moves the next one; an older date does not.
    assert jadwal.evaluasi_jatuh_tempo(date(2025, 3, 10), date(2026, 1, 5)) == date(2027, 1, 5)
    assert jadwal.evaluasi_jatuh_tempo(date(2025, 3, 10), date(2025, 1, 5)) == date(2026, 3, 10)
    assert jadwal.peninjauan_jatuh_tempo(date(2024, 2, 29)) == date(2027, 2, 28)
    j = jadwal.Jadwal.dari(date(2025, 3, 10), date(2026, 1, 5))
    assert (j.evaluasi, j.peninjauan) == (date(2027, 1, 5), date(2028, 3, 10))
    # On the due date still on time; the day after, overdue.
    assert not j.evaluasi_terlambat(date(2027, 1, 5))
    assert j.evaluasi_terlambat(date(2027, 1, 6))
    assert not j.peninjauan_terlambat(date(2028, 3, 10))
    assert j.peninjauan_terlambat(date(2028, 3, 11))


@pytest.mark.parametrize("setiap", [jadwal.EVALUASI_SETIAP, jadwal.PENINJAUAN_SETIAP])
def test_batas_dasar_matches_the_due_date_arithmetic_every_day_including_29_february(setiap):
    awal = date(2023, 12, 1)
    hari_list = [date(2027, 2, 27) + timedelta(days=i) for i in range(5)] + [
        date(2028, 2, 27) + timedelta(days=i) for i in range(5)
    ]
    for hari in hari_list:
        batas = jadwal.batas_dasar(hari, setiap)
        for i in range(1300):
            x = awal + timedelta(days=i)
            assert (x + setiap < hari) == (x < batas), (x, hari)


def test_model_property_is_the_first_due_date_and_jadwal_versi_the_current_one():
    versi, admin, _kepala = standar_terbit()
    assert versi.evaluasi_jatuh_tempo == date(2027, 1, 12)
    evaluasi(versi, date(2026, 11, 2), admin)
    assert versi.evaluasi_jatuh_tempo == date(2027, 1, 12)  # documented: ignores evaluations
    assert jadwal.jadwal_versi(versi).evaluasi == date(2027, 11, 2)
    assert jadwal.jadwal_versi(versi).peninjauan == date(2029, 1, 12)


# --- terlambat_per_unit -----------------------------------------------------------------------


def test_terlambat_per_unit_counts_versions_in_force_at_the_day(django_assert_num_queries):
    unit = UnitFactory()
    lain = UnitFactory()
    kosong = UnitFactory()
    # Took effect 2024-03-01: evaluation due 2025-03-01, review due 2027-03-01.
    a, _admin, _ = standar_terbit(LayananFactory(unit=unit))
    terbit_pada(a, date(2024, 3, 1))
    # Took effect 2022-01-10, evaluated 2025-06-01: evaluation due 2026-06-01, review 2025-01-10.
    b, _, _ = standar_terbit(LayananFactory(unit=unit))
    terbit_pada(b, date(2022, 1, 10))
    evaluasi(b, date(2025, 6, 1))
    evaluasi(b, date(2026, 9, 1))  # after the day asked about: not counted then
    # Another unit's standard, overdue: not counted for `unit`.
    c, _, _ = standar_terbit(LayananFactory(unit=lain))
    terbit_pada(c, date(2020, 1, 1))

    with django_assert_num_queries(1):
        hasil = jadwal.terlambat_per_unit([unit.pk, lain.pk, kosong.pk], date(2026, 2, 1))
    assert hasil == {
        unit.pk: {"evaluasi": 1, "peninjauan": 1},
        lain.pk: {"evaluasi": 1, "peninjauan": 1},
        kosong.pk: {"evaluasi": 0, "peninjauan": 0},
    }
    assert jadwal.hitung_per_unit([unit.pk], date(2026, 2, 1))[unit.pk]["berlaku"] == 2
    # On each due date: still on time; the day after: overdue (b's evaluation was due 2023).
    assert jadwal.terlambat_per_unit([unit.pk], date(2025, 1, 10))[unit.pk] == {
        "evaluasi": 1,
        "peninjauan": 0,
    }
    assert jadwal.terlambat_per_unit([unit.pk], date(2025, 1, 11))[unit.pk] == {
        "evaluasi": 1,
        "peninjauan": 1,
    }
    assert jadwal.terlambat_per_unit([unit.pk], date(2025, 3, 1))[unit.pk]["evaluasi"] == 1
    assert jadwal.terlambat_per_unit([unit.pk], date(2025, 3, 2))[unit.pk]["evaluasi"] == 2
    # b's evaluation of 2025-06-01 counts from then on (due 2026-06-01), the later one later.
    assert jadwal.terlambat_per_unit([unit.pk], date(2026, 6, 2))[unit.pk]["evaluasi"] == 2
    assert jadwal.terlambat_per_unit([unit.pk], date(2026, 9, 2))[unit.pk]["evaluasi"] == 1


def test_terlambat_per_unit_reconstructs_what_was_in_force():
    unit = UnitFactory()
    versi, _admin, _ = standar_terbit(LayananFactory(unit=unit))
    terbit_pada(versi, date(2020, 1, 1))
    tanya = date(2025, 1, 1)
    assert jadwal.hitung_per_unit([unit.pk], tanya)[unit.pk]["berlaku"] == 1
    # Published after the day asked about: not in force then.
    VersiStandar.objects.filter(pk=versi.pk).update(diterbitkan_pada=pada(date(2025, 1, 2)))
    assert jadwal.hitung_per_unit([unit.pk], tanya)[unit.pk]["berlaku"] == 0
    # Superseded (or revoked) on or before the day: no longer in force; after it: still in force.
    VersiStandar.objects.filter(pk=versi.pk).update(
        diterbitkan_pada=pada(date(2020, 1, 1)), digantikan_pada=pada(tanya)
    )
    assert jadwal.hitung_per_unit([unit.pk], tanya)[unit.pk]["berlaku"] == 0
    VersiStandar.objects.filter(pk=versi.pk).update(digantikan_pada=None, dicabut_pada=pada(date(2025, 1, 2)))
    assert jadwal.hitung_per_unit([unit.pk], tanya)[unit.pk]["berlaku"] == 1
    # A service taken out of use does not count.
    versi.standar.layanan.__class__.objects.filter(pk=versi.standar.layanan_id).update(aktif=False)
    assert jadwal.hitung_per_unit([unit.pk], tanya)[unit.pk]["berlaku"] == 0


def test_query_count_does_not_grow_with_units(django_assert_num_queries):
    units = []
    for _i in range(4):
        versi, _a, _k = standar_terbit()
        units.append(versi.standar.layanan.unit_id)
    with django_assert_num_queries(1):
        jadwal.terlambat_per_unit(units[:1], date(2026, 12, 1))
    with django_assert_num_queries(1):
        jadwal.terlambat_per_unit(units, date(2026, 12, 1))
    with django_assert_num_queries(0):
        assert jadwal.terlambat_per_unit([], date(2026, 12, 1)) == {}


# --- recording an evaluation ------------------------------------------------------------------


def catat(versi, oleh, **kwargs):
    data = {
        "tanggal": timezone.localdate(),
        "kesimpulan": KesimpulanEvaluasi.SESUAI,
        "ringkasan": "Standar diterapkan; waktu tunggu sesuai janji.",
    }
    data.update(kwargs)
    return services.evaluasi_penerapan_record(versi=versi, oleh=oleh, **data)


def test_record_an_evaluation_moves_the_next_due_date_and_is_audited():
    versi, admin, kepala = standar_terbit()
    hari = timezone.localdate()
    e = catat(
        versi,
        admin,
        kesimpulan=KesimpulanEvaluasi.PERLU_PERUBAHAN,
        ringkasan="  Perlu\x00 perubahan jangka waktu. ",
    )
    assert (e.versi, e.tanggal, e.kesimpulan, e.dicatat_oleh) == (versi, hari, "perlu_perubahan", admin)
    assert e.ringkasan == "Perlu perubahan jangka waktu."
    entry = JejakAudit.objects.filter(aksi="standar.evaluasi_penerapan").get()
    assert entry.aktor == admin
    assert entry.data["tanggal"] == hari.isoformat()
    assert jadwal.jadwal_versi(versi).evaluasi == hari + relativedelta(years=1)
    catat(versi, kepala)  # the head of the unit may record too
    assert versi.evaluasi_set.count() == 2


def test_who_may_record():
    versi, _admin, _kepala = standar_terbit()
    evaluator = user_factory()
    grant(evaluator, Peran.EVALUATOR, instansi=versi.standar.layanan.unit.instansi)
    lain = user_factory()
    grant(lain, Peran.ADMIN_UNIT, unit=UnitFactory())
    for user in (evaluator, lain, user_factory()):
        with pytest.raises(PermissionDenied):
            catat(versi, user)
    assert not EvaluasiPenerapan.objects.exists()


def test_only_the_version_in_force_and_only_sensible_dates():
    versi, admin, kepala = standar_terbit()  # took effect 2026-01-12
    hari = timezone.localdate()
    for kwargs, field in [
        ({"tanggal": hari + timedelta(days=1)}, "tanggal"),
        ({"tanggal": date(2026, 1, 11)}, "tanggal"),
        ({"tanggal": None}, "tanggal"),
        ({"kesimpulan": "bagus"}, "kesimpulan"),
        ({"ringkasan": "pendek"}, "ringkasan"),
        ({"ringkasan": "x" * 5001}, "ringkasan"),
    ]:
        with pytest.raises(ValidationError) as exc:
            catat(versi, admin, **kwargs)
        assert field in exc.value.message_dict
    catat(versi, admin, tanggal=date(2026, 1, 12))  # the day it took effect is fine

    draf = services.versi_draft_create(layanan=versi.standar.layanan, oleh=admin)
    with pytest.raises(ValidationError, match="sedang berlaku"):
        catat(draf, admin)
    isi_lengkap(draf, admin)
    baru = sampai(draf, "terbit", admin, kepala, sk_nomor="100.3.3/99/2026")
    versi.refresh_from_db()
    assert versi.status == StatusVersi.DIGANTIKAN
    with pytest.raises(ValidationError, match="sedang berlaku"):
        catat(versi, admin)
    catat(baru, admin)


# --- the staff pages --------------------------------------------------------------------------


def body(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def url_versi(versi) -> str:
    return reverse("standar:staf_versi", kwargs={"pk": versi.pk})


def test_version_page_lists_evaluations_due_dates_and_the_form(client):
    versi, admin, _kepala = standar_terbit()
    evaluasi(versi, date(2026, 3, 2), admin)
    client.force_login(admin)
    html = body(client.get(url_versi(versi)))
    assert 'id="evaluasi-penerapan"' in html
    assert "2 Maret 2026" in html
    assert "Diterapkan sesuai standar" in html
    assert "2 Maret 2027" in html  # next evaluation: a year after the latest one
    assert "12 Januari 2029" in html  # 3-year review
    assert reverse("standar:staf_evaluasi", kwargs={"pk": versi.pk}) in html
    assert 'name="ringkasan"' in html


def test_version_page_without_the_form_for_monitors_and_drafts(client):
    versi, admin, _kepala = standar_terbit()
    evaluator = user_factory()
    grant(evaluator, Peran.EVALUATOR, instansi=versi.standar.layanan.unit.instansi)
    client.force_login(evaluator)
    html = body(client.get(url_versi(versi)))
    assert 'id="evaluasi-penerapan"' in html  # the schedule is visible
    assert 'name="ringkasan"' not in html
    url = reverse("standar:staf_evaluasi", kwargs={"pk": versi.pk})
    assert (
        client.post(url, {"tanggal": "2026-11-01", "kesimpulan": "sesuai", "ringkasan": "x" * 20}).status_code
        == 403
    )
    client.force_login(admin)
    draf = services.versi_draft_create(layanan=versi.standar.layanan, oleh=admin)
    assert 'id="evaluasi-penerapan"' not in body(client.get(url_versi(draf)))


def test_post_an_evaluation(client):
    versi, admin, _kepala = standar_terbit()
    client.force_login(admin)
    url = reverse("standar:staf_evaluasi", kwargs={"pk": versi.pk})
    response = client.post(
        url,
        {
            "tanggal": "2026-11-02",
            "kesimpulan": "perlu_perubahan",
            "ringkasan": "Persyaratan perlu disederhanakan.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(url_versi(versi) + "#evaluasi-penerapan")
    e = versi.evaluasi_set.get()
    assert (e.tanggal, e.kesimpulan) == (date(2026, 11, 2), "perlu_perubahan")
    html = body(client.get(url_versi(versi)))
    assert "Persyaratan perlu disederhanakan." in html
    assert "2 November 2027" in html

    # Refused by the service: the page again, with the message at the field.
    response = client.post(
        url, {"tanggal": "2025-12-31", "kesimpulan": "sesuai", "ringkasan": "Terlalu awal sekali."}
    )
    assert response.status_code == 400
    assert "tidak boleh sebelum standar berlaku" in body(response)
    # Refused by the form.
    response = client.post(url, {"tanggal": "", "kesimpulan": "", "ringkasan": ""})
    assert response.status_code == 400
    assert versi.evaluasi_set.count() == 1
    assert client.get(url).status_code == 405


def test_unit_page_schedule_follows_the_latest_evaluation(client):
    versi, admin, _kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    terbit_pada(versi, date(2025, 1, 6))  # evaluation due 2026-01-06: overdue today
    client.force_login(admin)
    url = reverse("standar:staf_unit_standar", kwargs={"unit": unit.slug})
    html = body(client.get(url))
    assert "6 Januari 2026" in html
    assert '<span class="badge text-bg-danger">terlambat</span>' in html
    catat(versi, admin, tanggal=date(2026, 2, 1))
    html = body(client.get(url))
    assert "1 Februari 2027" in html
    assert '<span class="badge text-bg-danger">terlambat</span>' not in html
