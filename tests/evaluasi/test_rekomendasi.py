"""Recommendations: who may write and follow them up, the state machine (BARU ->
DITINDAKLANJUTI -> SELESAI, BARU -> SELESAI, SELESAI final), notifications and audit; and
their pages (the unit's list, the follow-up form)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluasi import rekomendasi as svc
from evaluasi.choices import JenisPeriodeLaporan, StatusRekomendasi, SumberLaporan
from evaluasi.models import LaporanEvaluasi, Rekomendasi
from pelayanan.choices import Peran
from pelayanan.models import JejakAudit, Notifikasi
from tests.evaluasi.dasbor_helpers import dunia, rekomendasi_baru
from tests.factories import grant, user_factory

pytestmark = pytest.mark.django_db

S = StatusRekomendasi


@pytest.fixture
def d():
    return dunia(3)


def _besok():
    return timezone.localdate() + timedelta(days=1)


def _laporan(instansi, unit=None):
    return LaporanEvaluasi.objects.create(
        instansi=instansi,
        unit=unit,
        jenis=JenisPeriodeLaporan.TRIWULAN,
        tahun=2025,
        ke=4,
        mulai=timezone.localdate().replace(month=10, day=1, year=2025),
        selesai=timezone.localdate().replace(month=12, day=31, year=2025),
        sumber=SumberLaporan.TOMBOL,
    )


class TestCreate:
    @pytest.mark.parametrize("siapa", ["pembina", "pj"])
    def test_pembina_and_penanggung_jawab_write(self, d, siapa):
        oleh = getattr(d, siapa)
        r = svc.rekomendasi_create(
            unit=d.units[0], teks="  Perbaiki papan informasi.  ", batas_waktu=_besok(), oleh=oleh
        )
        assert r.status == S.BARU
        assert r.teks == "Perbaiki papan informasi."
        assert r.dibuat_oleh == oleh
        assert r.selesai_pada is None

    @pytest.mark.parametrize("siapa", ["evaluator", "pembina_lain", "admin", "kepala", "pengelola"])
    def test_others_refused(self, d, siapa):
        with pytest.raises(PermissionDenied):
            svc.rekomendasi_create(unit=d.units[0], teks="x", batas_waktu=_besok(), oleh=getattr(d, siapa))
        assert not Rekomendasi.objects.exists()

    def test_pembina_of_another_instansi_cannot_write_to_this_one_and_vice_versa(self, d):
        with pytest.raises(PermissionDenied):
            svc.rekomendasi_create(unit=d.unit_lain, teks="x", batas_waktu=_besok(), oleh=d.pembina)
        assert svc.rekomendasi_create(unit=d.unit_lain, teks="x", batas_waktu=_besok(), oleh=d.pembina_lain)

    def test_due_date_not_in_the_past(self, d):
        with pytest.raises(ValidationError) as e:
            svc.rekomendasi_create(
                unit=d.units[0],
                teks="x",
                batas_waktu=timezone.localdate() - timedelta(days=1),
                oleh=d.pembina,
            )
        assert "batas_waktu" in e.value.message_dict
        assert svc.rekomendasi_create(
            unit=d.units[0], teks="x", batas_waktu=timezone.localdate(), oleh=d.pembina
        )

    def test_text_required(self, d):
        with pytest.raises(ValidationError) as e:
            svc.rekomendasi_create(unit=d.units[0], teks="   ", batas_waktu=_besok(), oleh=d.pembina)
        assert "teks" in e.value.message_dict

    def test_report_must_cover_the_unit(self, d):
        with pytest.raises(ValidationError):
            svc.rekomendasi_create(
                unit=d.units[0], teks="x", batas_waktu=_besok(), oleh=d.pembina, laporan=_laporan(d.lain)
            )
        with pytest.raises(ValidationError):
            svc.rekomendasi_create(
                unit=d.units[0],
                teks="x",
                batas_waktu=_besok(),
                oleh=d.pembina,
                laporan=_laporan(d.instansi, d.units[1]),
            )
        laporan = _laporan(d.instansi)
        r = svc.rekomendasi_create(
            unit=d.units[0], teks="x", batas_waktu=_besok(), oleh=d.pembina, laporan=laporan
        )
        assert r.laporan == laporan

    def test_notifies_the_units_admin_and_head_and_audits(self, d):
        admin_instansi = user_factory(email="admin.instansi@dasbor.example")
        grant(admin_instansi, Peran.ADMIN_UNIT, instansi=d.instansi)
        admin_lain = user_factory(email="admin.u2@dasbor.example")
        grant(admin_lain, Peran.ADMIN_UNIT, unit=d.units[1])
        r = rekomendasi_baru(d.units[0], d.pembina, teks="Terbitkan standar yang tertunda.")
        penerima = set(Notifikasi.objects.values_list("pengguna__email", flat=True))
        assert penerima == {d.admin.email, d.kepala.email, admin_instansi.email}
        n = Notifikasi.objects.filter(pengguna=d.admin).get()
        assert "Terbitkan standar yang tertunda." in n.pesan
        assert n.tautan.endswith(reverse("evaluasi:rekomendasi_ubah", args=[r.pk]))
        jejak = JejakAudit.objects.get(aksi="rekomendasi.dibuat")
        assert jejak.object_id == str(r.pk)
        assert jejak.aktor == d.pembina


class TestUpdate:
    def test_follow_up_then_done(self, d):
        r = rekomendasi_baru(d.units[0], d.pembina)
        Notifikasi.objects.all().delete()
        r = svc.rekomendasi_update(
            rekomendasi=r, status=S.DITINDAKLANJUTI, tindak_lanjut="Sedang disusun.", oleh=d.admin
        )
        assert (r.status, r.tindak_lanjut, r.selesai_pada) == (S.DITINDAKLANJUTI, "Sedang disusun.", None)
        # progress may be updated while it is being followed up
        r = svc.rekomendasi_update(
            rekomendasi=r, status=S.DITINDAKLANJUTI, tindak_lanjut="Draf siap konsultasi.", oleh=d.kepala
        )
        assert r.tindak_lanjut == "Draf siap konsultasi."
        r = svc.rekomendasi_update(
            rekomendasi=r, status=S.SELESAI, tindak_lanjut="Standar terbit.", oleh=d.kepala
        )
        r.refresh_from_db()
        assert r.status == S.SELESAI
        assert r.selesai_pada is not None
        assert list(Notifikasi.objects.values_list("pengguna", flat=True)) == [d.pembina.pk] * 3
        assert list(
            JejakAudit.objects.filter(aksi="rekomendasi.diubah").order_by("pk").values_list("data", flat=True)
        ) == [
            {"dari": "baru", "ke": "ditindaklanjuti"},
            {"dari": "ditindaklanjuti", "ke": "ditindaklanjuti"},
            {"dari": "ditindaklanjuti", "ke": "selesai"},
        ]

    def test_straight_to_done(self, d):
        r = rekomendasi_baru(d.units[0], d.pembina)
        r = svc.rekomendasi_update(
            rekomendasi=r, status=S.SELESAI, tindak_lanjut="Sudah dikerjakan.", oleh=d.admin
        )
        assert r.status == S.SELESAI

    def test_done_needs_a_follow_up_text(self, d):
        r = rekomendasi_baru(d.units[0], d.pembina)
        with pytest.raises(ValidationError) as e:
            svc.rekomendasi_update(rekomendasi=r, status=S.SELESAI, tindak_lanjut="  ", oleh=d.admin)
        assert "tindak_lanjut" in e.value.message_dict
        r.refresh_from_db()
        assert r.status == S.BARU

    @pytest.mark.parametrize("ke", [S.BARU, S.DITINDAKLANJUTI, S.SELESAI])
    def test_done_is_final(self, d, ke):
        r = rekomendasi_baru(d.units[0], d.pembina)
        svc.rekomendasi_update(rekomendasi=r, status=S.SELESAI, tindak_lanjut="Selesai.", oleh=d.admin)
        with pytest.raises(ValidationError) as e:
            svc.rekomendasi_update(rekomendasi=r, status=ke, tindak_lanjut="Lagi.", oleh=d.admin)
        assert "sudah selesai" in str(e.value)
        r.refresh_from_db()
        assert r.tindak_lanjut == "Selesai."

    @pytest.mark.parametrize("ke", [S.BARU, "dibatalkan"])
    def test_no_way_back_and_no_unknown_status(self, d, ke):
        r = rekomendasi_baru(d.units[0], d.pembina)
        svc.rekomendasi_update(rekomendasi=r, status=S.DITINDAKLANJUTI, tindak_lanjut="", oleh=d.admin)
        with pytest.raises(ValidationError):
            svc.rekomendasi_update(rekomendasi=r, status=ke, tindak_lanjut="", oleh=d.admin)
        r.refresh_from_db()
        assert r.status == S.DITINDAKLANJUTI

    @pytest.mark.parametrize("siapa", ["pembina", "pj", "evaluator", "pengelola", "pembina_lain"])
    def test_only_the_units_admin_and_head_follow_up(self, d, siapa):
        r = rekomendasi_baru(d.units[0], d.pembina)
        with pytest.raises(PermissionDenied):
            svc.rekomendasi_update(rekomendasi=r, status=S.SELESAI, tindak_lanjut="x", oleh=getattr(d, siapa))
        admin_lain = user_factory(email="admin.u2@dasbor.example")
        grant(admin_lain, Peran.ADMIN_UNIT, unit=d.units[1])
        with pytest.raises(PermissionDenied):
            svc.rekomendasi_update(rekomendasi=r, status=S.SELESAI, tindak_lanjut="x", oleh=admin_lain)
        assert not JejakAudit.objects.filter(aksi="rekomendasi.diubah").exists()

    def test_status_choices_follow_the_state_machine(self, d):
        r = rekomendasi_baru(d.units[0], d.pembina)
        assert svc.status_berikut(r) == [S.DITINDAKLANJUTI, S.SELESAI]
        r.status = S.SELESAI
        assert svc.status_berikut(r) == []


class TestPages:
    def test_unit_staff_see_and_update_their_recommendations(self, client, d):
        r = rekomendasi_baru(d.units[0], d.pembina, teks="Pasang papan alur layanan.")
        lain = rekomendasi_baru(d.units[1], d.pembina, teks="Rekomendasi unit dua.")
        client.force_login(d.admin)
        html = client.get(reverse("evaluasi:rekomendasi_unit", args=[d.units[0].slug])).content.decode()
        assert "Pasang papan alur layanan." in html
        assert "Rekomendasi unit dua." not in html
        assert "Catat tindak lanjut" in html
        url = reverse("evaluasi:rekomendasi_ubah", args=[r.pk])
        assert client.get(url).status_code == 200
        resp = client.post(url, {"status": S.SELESAI, "tindak_lanjut": ""})
        assert resp.status_code == 400
        assert "Jelaskan tindak lanjutnya" in resp.content.decode()
        resp = client.post(url, {"status": S.SELESAI, "tindak_lanjut": "Papan dipasang 2 Maret."})
        assert resp.status_code == 302
        r.refresh_from_db()
        assert r.status == S.SELESAI
        html = client.get(url).content.decode()
        assert "sudah selesai dan tidak dapat diubah" in html
        assert client.post(url, {"status": S.SELESAI, "tindak_lanjut": "x"}).status_code == 400
        assert Rekomendasi.objects.get(pk=r.pk).tindak_lanjut == "Papan dipasang 2 Maret."
        # another unit's recommendation: the admin of unit 1 may not see it
        assert client.get(reverse("evaluasi:rekomendasi_ubah", args=[lain.pk])).status_code == 403
        assert client.get(reverse("evaluasi:rekomendasi_unit", args=[d.units[1].slug])).status_code == 403

    def test_pembina_reads_but_does_not_follow_up(self, client, d):
        r = rekomendasi_baru(d.units[0], d.pembina)
        client.force_login(d.pembina)
        url = reverse("evaluasi:rekomendasi_ubah", args=[r.pk])
        html = client.get(url).content.decode()
        assert 'name="tindak_lanjut"' not in html
        assert client.post(url, {"status": S.SELESAI, "tindak_lanjut": "x"}).status_code == 403
        client.force_login(d.pembina_lain)
        assert client.get(url).status_code == 403

    def test_navigation_leads_to_the_units_recommendations(self, client, d):
        client.force_login(d.admin)
        html = client.get(reverse("pelayanan:ruang_kerja")).content.decode()
        assert reverse("evaluasi:rekomendasi_saya") in html
        assert reverse("evaluasi:dasbor_saya") not in html
        resp = client.get(reverse("evaluasi:rekomendasi_saya"))
        assert resp.status_code == 302
        assert resp["Location"] == reverse("evaluasi:rekomendasi_unit", args=[d.units[0].slug])
        client.force_login(d.pengelola)
        assert client.get(reverse("evaluasi:rekomendasi_saya")).status_code == 403
