"""The daily job: escalation of missed deadlines (run twice, escalates once), lapsing
incomplete files after 30 days, erasing identities after the retention period; and the
overdue list each of the officer, the kepala unit and the Pembina sees."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pelayanan.models import Notifikasi
from pengaduan import eskalasi, retensi, services, tasks, tenggat
from pengaduan.models import Eskalasi, IdentitasPengadu, Pengaduan
from tests.pengaduan.helpers import IDENTITAS, ajukan, sampai

pytestmark = pytest.mark.django_db


def _lalu(hari):
    return timezone.now() - timedelta(days=hari)


@pytest.fixture
def terlambat(dunia):
    """Filed 20 days ago and never answered: 6 days past the 14-day first response."""
    p = ajukan(dunia.a, pada=_lalu(20))
    assert p.batas_tanggapan == timezone.localdate() - timedelta(days=6)
    return p


def _penerima(kunci_awal="pengaduan-eskalasi:"):
    return sorted(
        Notifikasi.objects.filter(kunci__startswith=kunci_awal).values_list("pengguna__email", "kunci")
    )


class TestEscalation:
    def test_run_twice_escalates_once(self, dunia, terlambat):
        hari = timezone.localdate()
        assert eskalasi.eskalasi_jalankan(hari).jumlah == 1
        pertama = _penerima()
        assert eskalasi.eskalasi_jalankan(hari).jumlah == 0
        assert eskalasi.eskalasi_jalankan(hari).jumlah == 0
        assert _penerima() == pertama
        assert Eskalasi.objects.count() == 1
        assert terlambat.riwayat_set.filter(jenis="eskalasi").count() == 1
        # Level 1: the unit's complaint officers (nobody assigned yet) and the kepala unit.
        assert {e for e, _k in pertama} == {
            "pengelola_pengaduan_unit@uji.example",
            "pengelola_pengaduan_instansi@uji.example",
            "kepala_unit@uji.example",
        }

    def test_pembina_after_the_grace_period(self, dunia, terlambat, settings):
        settings.PENGADUAN_ESKALASI_PEMBINA_HARI = 7
        batas = terlambat.batas_tanggapan
        assert eskalasi.eskalasi_jalankan(batas + timedelta(days=7)).tingkat_pembina == 0
        hasil = eskalasi.eskalasi_jalankan(batas + timedelta(days=8))
        assert (hasil.tingkat_unit, hasil.tingkat_pembina) == (0, 1)
        assert eskalasi.eskalasi_jalankan(batas + timedelta(days=9)).jumlah == 0
        pembina = [e for e, k in _penerima() if k.endswith(":2")]
        assert pembina == ["pembina@uji.example"]  # not the Pembina of the other instansi
        assert list(terlambat.eskalasi_set.order_by("tingkat").values_list("tingkat", flat=True)) == [1, 2]

    def test_assigned_officer_is_told_not_everyone(self, dunia, terlambat):
        services.pengaduan_tugaskan(
            pengaduan=terlambat, petugas=dunia["admin_unit"], oleh=dunia["kepala_unit"]
        )
        eskalasi.eskalasi_jalankan()
        assert {e for e, _k in _penerima()} == {"admin_unit@uji.example", "kepala_unit@uji.example"}

    def test_answered_in_time_is_not_escalated(self, dunia):
        p = ajukan(dunia.a, pada=_lalu(20))
        services.pengaduan_transisi(pengaduan=p, nama="lengkap", oleh=dunia.petugas, pada=_lalu(10))
        assert eskalasi.eskalasi_jalankan().jumlah == 0

    def test_the_complainants_deadline_is_never_escalated(self, dunia):
        sampai(ajukan(dunia.a, pada=_lalu(50)), "tidak_lengkap", dunia.petugas, pada=_lalu(45))
        assert eskalasi.eskalasi_jalankan().jumlah == 0

    def test_decision_and_notification_deadlines(self, dunia):
        keputusan = sampai(ajukan(dunia.a, pada=_lalu(80)), "ditindaklanjuti", dunia.petugas, pada=_lalu(70))
        pemberitahuan = sampai(ajukan(dunia.a, pada=_lalu(30)), "diputuskan", dunia.petugas, pada=_lalu(20))
        eskalasi.eskalasi_jalankan()
        assert set(Eskalasi.objects.values_list("pengaduan", "jenis", "tingkat")) == {
            (keputusan.pk, "keputusan", 1),
            (keputusan.pk, "keputusan", 2),  # 10 days past: beyond the 7-day grace
            (pemberitahuan.pk, "pemberitahuan", 1),
        }

    def test_a_reopened_complaint_can_be_escalated_again(self, dunia):
        p = sampai(ajukan(dunia.a, pada=_lalu(90)), "ditindaklanjuti", dunia.petugas, pada=_lalu(85))
        eskalasi.eskalasi_jalankan()
        p = services.pengaduan_transisi(
            pengaduan=p, nama="putuskan", oleh=dunia.petugas, hasil="selesai", teks="Ok", pada=_lalu(10)
        )
        p = services.pengaduan_transisi(
            pengaduan=p, nama="buka_kembali", pelaku="pengadu", teks="Belum", pada=_lalu(9)
        )
        assert eskalasi.eskalasi_jalankan(timezone.localdate() + timedelta(days=60)).tingkat_unit == 1
        assert p.eskalasi_set.values("batas").distinct().count() == 2

    def test_the_daily_task(self, dunia, terlambat):
        assert tasks.pengaduan_harian.delay().get() == {
            "batal": 0,
            "eskalasi_unit": 1,
            "eskalasi_pembina": 0,
            "identitas_dihapus": 0,
        }
        assert tasks.pengaduan_harian.delay().get()["eskalasi_unit"] == 0


class TestOverdueList:
    @pytest.mark.parametrize(
        ("peran", "status", "melihat"),
        [
            ("pengelola_pengaduan_unit", 200, True),
            ("kepala_unit", 200, True),
            ("pembina", 200, True),
            ("penanggung_jawab", 200, True),
            ("pembina_instansi_lain", 200, False),
            ("pengelola_pengaduan_unit_lain", 200, False),
            ("evaluator", 403, False),
            ("warga", 403, False),
        ],
    )
    def test_who_sees_it(self, client, dunia, terlambat, peran, status, melihat):
        eskalasi.eskalasi_jalankan()
        client.force_login(dunia[peran])
        r = client.get(reverse("pengaduan:staf_terlambat"))
        assert r.status_code == status
        assert (terlambat.nomor in r.content.decode()) is melihat

    def test_filters(self, client, dunia, terlambat):
        lain = sampai(
            ajukan(dunia.b, pada=_lalu(80)),
            "ditindaklanjuti",
            dunia["pengelola_pengaduan_instansi"],
            pada=_lalu(70),
        )
        client.force_login(dunia["pembina"])
        url = reverse("pengaduan:staf_terlambat")
        html = client.get(url).content.decode()
        assert terlambat.nomor in html
        assert lain.nomor in html
        html = client.get(url, {"unit": dunia.b.pk}).content.decode()
        assert terlambat.nomor not in html
        assert lain.nomor in html
        html = client.get(url, {"jenis": "tanggapan"}).content.decode()
        assert terlambat.nomor in html
        assert lain.nomor not in html

    def test_list_and_inbox_agree_with_the_clock(self, dunia, terlambat):
        from pengaduan import selectors

        rows = selectors.terlambat(dunia["kepala_unit"])
        assert [(p.pk, p.tenggat_jenis, p.terlambat_hari) for p in rows] == [(terlambat.pk, "tanggapan", 6)]
        assert [t.keadaan for t in tenggat.daftar(rows[0])] == ["terlambat"]


class TestLapse:
    def test_lapses_on_day_31(self, dunia):
        p30 = sampai(ajukan(dunia.a, pada=_lalu(40)), "tidak_lengkap", dunia.petugas, pada=_lalu(30))
        p31 = sampai(ajukan(dunia.a, pada=_lalu(40)), "tidak_lengkap", dunia.petugas, pada=_lalu(31))
        assert services.batalkan_kedaluwarsa() == 1
        assert services.batalkan_kedaluwarsa() == 0
        p30.refresh_from_db()
        p31.refresh_from_db()
        assert (p30.status, p31.status) == ("tidak_lengkap", "batal")
        r = p31.riwayat_set.get(aksi="batal")
        assert (r.pelaku, r.oleh, r.publik) == ("sistem", None, True)


class TestRetention:
    def test_identity_erased_after_the_retention_period(self, dunia, settings):
        settings.PENGADUAN_RETENSI_IDENTITAS_HARI = 365
        lama = sampai(ajukan(dunia.a, pada=_lalu(500)), "diberitahukan", dunia.petugas, pada=_lalu(400))
        baru = sampai(ajukan(dunia.a, pada=_lalu(100)), "diberitahukan", dunia.petugas, pada=_lalu(90))
        terbuka = ajukan(dunia.a, pada=_lalu(500))
        assert retensi.hapus_identitas_kedaluwarsa() == 1
        assert retensi.hapus_identitas_kedaluwarsa() == 0
        i = IdentitasPengadu.objects.get(pengaduan=lama)
        assert (i.nama, i.alamat, i.email, i.telepon, i.nik) == (retensi.DIHAPUS, "", "", "", "")
        assert i.dihapus_pada is not None
        assert IdentitasPengadu.objects.get(pengaduan=baru).nama == IDENTITAS["nama"]
        assert IdentitasPengadu.objects.get(pengaduan=terbuka).nama == IDENTITAS["nama"]
        assert Pengaduan.objects.filter(pk=lama.pk).exists()  # the complaint and its statistics stay
