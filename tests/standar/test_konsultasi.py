"""Public consultation services: rounds, the beat closure, comments and anchors, answers,
moderation, notifications, the decree gate."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pelayanan.choices import Peran
from pelayanan.models import JejakAudit, Notifikasi
from pelayanan.ratelimit import RateLimited
from standar import konsultasi, services
from standar.models import Komentar, PutaranKonsultasi
from standar.tasks import konsultasi_tutup_putaran
from tests.factories import LayananFactory, UnitFactory, grant, user_factory
from tests.standar.helpers import isi_lengkap, staf_unit, standar_terbit

pytestmark = pytest.mark.django_db


@pytest.fixture
def draf():
    layanan = LayananFactory()
    admin, kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    return versi, admin, kepala


@pytest.fixture
def warga_terkonfirmasi():
    return user_factory(
        email="warga.komentar@contoh.example",
        nama_lengkap="Warga Komentar",
        email_dikonfirmasi_pada=timezone.now(),
    )


def _buka(versi, admin, **kwargs):
    return konsultasi.putaran_open(
        versi=versi,
        penjelasan="Mohon masukan atas rancangan standar.",
        kategori_diundang=["masyarakat", "ahli"],
        oleh=admin,
        **kwargs,
    )


def _komentar(putaran, warga, kunci="persyaratan", isi="Syarat KK asli memberatkan.", **kwargs):
    return konsultasi.komentar_create(
        putaran=putaran, penulis=warga, kunci=kunci, isi=isi, kategori="masyarakat", **kwargs
    )


class TestRounds:
    def test_opening_moves_the_version_to_consultation_with_a_7_working_day_default(self, draf):
        versi, admin, _kepala = draf
        mulai = timezone.make_aware(timezone.datetime(2030, 1, 2, 9, 0))  # a Wednesday
        putaran = _buka(versi, admin, mulai=mulai)
        versi.refresh_from_db()
        assert versi.status == "konsultasi"
        # 7 working days after Wed 2 Jan 2030: 3, 4 | 7, 8, 9, 10, 11 Jan -> Fri 11 Jan, end of day.
        assert timezone.localtime(putaran.selesai).date().isoformat() == "2030-01-11"
        assert JejakAudit.objects.filter(aksi="konsultasi.buka").exists()

    def test_incomplete_draft_cannot_open_a_round(self):
        layanan = LayananFactory()
        admin, _kepala = staf_unit(layanan.unit)
        versi = services.versi_draft_create(layanan=layanan, oleh=admin)
        with pytest.raises(ValidationError, match="belum lengkap"):
            _buka(versi, admin)
        assert not PutaranKonsultasi.objects.exists()

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"kategori_diundang": []}, "kategori_diundang"),
            ({"kategori_diundang": ["alien"]}, "kategori_diundang"),
            ({"penjelasan": "pendek"}, "penjelasan"),
        ],
    )
    def test_bad_round_input(self, draf, kwargs, field):
        versi, admin, _kepala = draf
        data = {"penjelasan": "Mohon masukan atas rancangan.", "kategori_diundang": ["masyarakat"], **kwargs}
        with pytest.raises(ValidationError) as exc:
            konsultasi.putaran_open(versi=versi, oleh=admin, **data)
        assert field in exc.value.message_dict

    def test_only_the_unit_admin_opens_a_round(self, draf):
        versi, _admin, kepala = draf
        with pytest.raises(PermissionDenied):
            _buka(versi, kepala)

    def test_beat_job_closes_the_round_once(self, draf):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        assert konsultasi_tutup_putaran() == 0  # not due yet
        later = putaran.selesai + timedelta(seconds=1)
        assert konsultasi.putaran_close_due(now=later) == 1
        assert konsultasi.putaran_close_due(now=later) == 0
        putaran.refresh_from_db()
        versi.refresh_from_db()
        assert putaran.ditutup
        assert versi.status == "perbaikan"
        assert JejakAudit.objects.filter(aksi="konsultasi.tutup").count() == 1

    def test_extension_before_the_end_with_a_reason(self, draf):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        baru = putaran.selesai + timedelta(days=3)
        with pytest.raises(ValidationError):
            konsultasi.putaran_extend(putaran=putaran, selesai_baru=baru, alasan="singkat", oleh=admin)
        konsultasi.putaran_extend(
            putaran=putaran, selesai_baru=baru, alasan="Permintaan asosiasi pengusaha", oleh=admin
        )
        putaran.refresh_from_db()
        assert putaran.selesai == baru
        assert putaran.perpanjangan_set.get().alasan == "Permintaan asosiasi pengusaha"
        konsultasi.putaran_close(putaran=putaran)
        with pytest.raises(ValidationError):
            konsultasi.putaran_extend(
                putaran=putaran, selesai_baru=baru + timedelta(days=1), alasan="Terlambat sekali", oleh=admin
            )


class TestComments:
    def test_citizen_comments_on_a_component_and_an_item(self, draf, warga_terkonfirmasi):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        k = _komentar(putaran, warga_terkonfirmasi, item_id="a0000002")
        assert (k.kunci, k.item_id, k.luring) == ("persyaratan", "a0000002", False)
        assert konsultasi.anchor_text(k) == "Kartu Keluarga asli (Administratif)"

    def test_anchor_survives_the_next_version_and_reports_a_removed_item(self, draf, warga_terkonfirmasi):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        k = _komentar(putaran, warga_terkonfirmasi, item_id="a0000002")
        konsultasi.putaran_close(putaran=putaran)
        konsultasi.komentar_answer(komentar=k, keputusan="diterima", alasan="Cukup fotokopi", oleh=admin)
        row = versi.komponen_set.get(kunci="persyaratan")
        isi = row.isi
        isi["items"][1]["uraian"] = "Fotokopi Kartu Keluarga"
        services.komponen_update(
            versi=versi, kunci="persyaratan", isi=isi, revisi_dasar=row.revisi, oleh=admin
        )
        assert konsultasi.anchor_text(k, versi) == "Fotokopi Kartu Keluarga (Administratif)"
        isi["items"].pop(1)
        services.komponen_update(
            versi=versi, kunci="persyaratan", isi=isi, revisi_dasar=row.revisi + 1, oleh=admin
        )
        assert konsultasi.anchor_text(k, versi) is None

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"kunci": "tidak_ada"}, "tidak dikenal"),
            ({"item_id": "ffffffff"}, "tidak ada pada komponen"),
            ({"isi": ""}, "Terlalu pendek"),
            ({"isi": "x" * 2001}, "Terlalu panjang"),
        ],
    )
    def test_bad_comments_are_refused(self, draf, warga_terkonfirmasi, kwargs, message):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        with pytest.raises(ValidationError) as exc:
            _komentar(putaran, warga_terkonfirmasi, **kwargs)
        assert message in str(exc.value)
        assert not Komentar.objects.exists()

    def test_unconfirmed_email_and_anonymous_cannot_comment(self, draf):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        with pytest.raises(ValidationError, match="Konfirmasi"):
            _komentar(putaran, user_factory())
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(PermissionDenied):
            _komentar(putaran, AnonymousUser())

    def test_closed_and_not_yet_open_rounds_refuse_comments(self, draf, warga_terkonfirmasi):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin, mulai=timezone.now() + timedelta(days=2))
        with pytest.raises(ValidationError, match="tidak sedang terbuka"):
            _komentar(putaran, warga_terkonfirmasi)
        konsultasi.putaran_close(putaran=putaran)
        with pytest.raises(ValidationError, match="tidak sedang terbuka"):
            _komentar(putaran, warga_terkonfirmasi)

    def test_replies_attach_to_the_top_comment(self, draf, warga_terkonfirmasi):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        top = _komentar(putaran, warga_terkonfirmasi)
        reply = _komentar(putaran, warga_terkonfirmasi, kunci="biaya", isi="Setuju.", induk=top)
        reply2 = _komentar(putaran, warga_terkonfirmasi, isi="Saya juga.", induk=reply)
        assert (reply.induk, reply.kunci, reply2.induk) == (top, "persyaratan", top)

    def test_support_toggles(self, draf, warga_terkonfirmasi):
        versi, admin, _kepala = draf
        k = _komentar(_buka(versi, admin), warga_terkonfirmasi)
        other = user_factory()
        assert konsultasi.komentar_support(komentar=k, pengguna=other) is True
        assert k.dukungan_set.count() == 1
        assert konsultasi.komentar_support(komentar=k, pengguna=other) is False
        assert k.dukungan_set.count() == 0

    def test_comment_rate_limit_per_account(self, draf, warga_terkonfirmasi):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        for n in range(konsultasi.KOMENTAR_PER_AKUN[0]):
            _komentar(putaran, warga_terkonfirmasi, isi=f"Komentar {n}")
        with pytest.raises(RateLimited, match="Terlalu banyak"):
            _komentar(putaran, warga_terkonfirmasi, isi="Satu lagi")
        assert Komentar.objects.count() == konsultasi.KOMENTAR_PER_AKUN[0]

    def test_fkp_meeting_and_offline_input(self, draf):
        versi, admin, _kepala = draf
        putaran = _buka(versi, admin)
        pertemuan = konsultasi.pertemuan_record(
            putaran=putaran,
            tanggal=timezone.localdate(),
            tempat="Aula Dinas",
            ringkasan="Pembahasan rancangan",
            peserta=[
                {"nama": "Dr. Rina", "lembaga": "Universitas Sukamaju", "kategori": "ahli"},
                {"nama": "Pak Joko", "lembaga": "Kadin", "kategori": "usaha"},
                {"nama": "", "kategori": "media"},  # blank rows are ignored
            ],
            oleh=admin,
        )
        assert pertemuan.peserta_set.count() == 2
        peserta = pertemuan.peserta_set.get(nama="Pak Joko")
        k = konsultasi.komentar_offline_create(
            pertemuan=pertemuan, peserta=peserta, kunci="biaya", isi="Tarif perlu dasar Perda.", oleh=admin
        )
        assert (k.luring, k.kategori, k.nama_penulis, k.dicatat_oleh) == (True, "usaha", "Pak Joko", admin)
        figures = konsultasi.partisipasi(putaran)
        assert figures["peserta_luring"] == 2
        assert figures["jumlah_kategori"] == 2  # ahli, usaha
        assert {k.kunci: n for k, n in figures["per_komponen"]}["biaya"] == 1


class TestAnswersAndGate:
    def _round_with_two_comments(self, draf, warga):
        versi, admin, kepala = draf
        putaran = _buka(versi, admin)
        k1 = _komentar(putaran, warga)
        k2 = _komentar(putaran, warga, kunci="biaya", isi="Mohon tetap gratis.")
        return versi, admin, kepala, putaran, k1, k2

    def _decree(self, versi, kepala):
        from datetime import date

        return services.versi_decree(
            versi=versi,
            sk_nomor="188/7/2026",
            sk_tanggal=date(2026, 3, 2),
            berlaku_mulai=date(2026, 3, 9),
            oleh=kepala,
        )

    def test_no_round(self, draf):
        versi, _admin, kepala = draf
        with pytest.raises(services.TransitionRefused, match="Belum ada putaran"):
            self._decree(versi, kepala)

    def test_open_round(self, draf, warga_terkonfirmasi):
        versi, _admin, kepala, *_ = self._round_with_two_comments(draf, warga_terkonfirmasi)
        with pytest.raises(services.TransitionRefused):
            self._decree(versi, kepala)

    def test_unanswered_comment(self, draf, warga_terkonfirmasi):
        versi, admin, kepala, putaran, k1, _k2 = self._round_with_two_comments(draf, warga_terkonfirmasi)
        konsultasi.putaran_close(putaran=putaran)
        konsultasi.komentar_answer(komentar=k1, keputusan="ditolak", alasan="Diatur Perpres", oleh=admin)
        with pytest.raises(services.TransitionRefused, match="1 komentar"):
            self._decree(versi, kepala)

    def test_all_answered_then_decree_and_notify(
        self, draf, warga_terkonfirmasi, django_capture_on_commit_callbacks
    ):
        versi, admin, kepala, putaran, k1, k2 = self._round_with_two_comments(draf, warga_terkonfirmasi)
        konsultasi.putaran_close(putaran=putaran)
        with django_capture_on_commit_callbacks(execute=True):
            konsultasi.komentar_answer(
                komentar=k1, keputusan="sebagian", alasan="Cukup fotokopi", oleh=admin, versi_perubahan=versi
            )
            konsultasi.komentar_answer(komentar=k2, keputusan="diterima", alasan="Tetap gratis", oleh=admin)
            versi = self._decree(versi, kepala)
        assert versi.status == "ditetapkan"
        titles = list(Notifikasi.objects.filter(pengguna=warga_terkonfirmasi).values_list("judul", flat=True))
        assert titles.count("Komentar Anda telah dijawab") == 2
        assert "Standar pelayanan yang Anda komentari telah ditetapkan" in titles
        assert len(mail.outbox) == 3
        with pytest.raises(ValidationError, match="tidak dapat diubah lagi"):
            konsultasi.komentar_answer(komentar=k1, keputusan="ditolak", alasan="Berubah pikiran", oleh=admin)

    def test_hidden_comments_need_no_answer_and_leave_a_ledger(self, draf, warga_terkonfirmasi):
        versi, admin, kepala, putaran, k1, k2 = self._round_with_two_comments(draf, warga_terkonfirmasi)
        moderator = user_factory()
        grant(moderator, Peran.MODERATOR)
        konsultasi.komentar_report(komentar=k2, pelapor=None, alasan="kasar", ip="10.0.0.1")
        with pytest.raises(PermissionDenied):
            konsultasi.komentar_hide(komentar=k2, alasan="Kasar", oleh=admin)
        konsultasi.komentar_hide(komentar=k2, alasan="Bahasa kasar", oleh=moderator)
        konsultasi.putaran_close(putaran=putaran)
        konsultasi.komentar_answer(komentar=k1, keputusan="ditolak", alasan="Diatur Perpres", oleh=admin)
        assert self._decree(versi, kepala).status == "ditetapkan"
        assert Komentar.objects.filter(pk=k2.pk).exists()  # hidden, never deleted
        assert konsultasi.partisipasi(putaran)["tersembunyi"] == [("Bahasa kasar", 1)]

    def test_a_round_on_the_revised_version_counts(self, warga_terkonfirmasi):
        v1, admin, kepala = standar_terbit()
        v2 = services.versi_draft_create(layanan=v1.standar.layanan, oleh=admin)
        assert self._decree(v2, kepala).status == "ditetapkan"

    def test_answers_only_by_the_units_admin(self, draf, warga_terkonfirmasi):
        _versi, _admin, kepala, _putaran, k1, _k2 = self._round_with_two_comments(draf, warga_terkonfirmasi)
        other_admin = user_factory()
        grant(other_admin, Peran.ADMIN_UNIT, unit=UnitFactory())
        for user in (kepala, other_admin, warga_terkonfirmasi):
            with pytest.raises(PermissionDenied):
                konsultasi.komentar_answer(komentar=k1, keputusan="diterima", alasan="Boleh saja", oleh=user)


def test_round_keeps_the_draft_as_asked_and_reports_what_changed_after(draf):
    versi, admin, _kepala = draf
    putaran = _buka(versi, admin)
    konsultasi.putaran_close(putaran=putaran)
    row = versi.komponen_set.get(kunci="jangka_waktu")
    services.komponen_update(
        versi=versi,
        kunci="jangka_waktu",
        isi={"jumlah": 2, "satuan": "hari_kerja"},
        revisi_dasar=row.revisi,
        oleh=admin,
    )
    putaran.refresh_from_db()
    assert putaran.isi_awal["jangka_waktu"] == {"jumlah": 3, "satuan": "hari_kerja"}
    [d] = konsultasi.perubahan_setelah_konsultasi(putaran)
    assert (d.komponen.kunci, d.perubahan[0].lama, d.perubahan[0].baru) == (
        "jangka_waktu",
        "3",
        "2 hari kerja",
    )


class TestDailyDigest:
    def test_admins_get_one_digest_a_day_with_new_comments_and_rounds_ending(self, draf, warga_terkonfirmasi):
        versi, admin, kepala = draf
        admin_instansi = user_factory(nama_lengkap="Admin Instansi")
        grant(admin_instansi, Peran.ADMIN_UNIT, instansi=versi.standar.layanan.unit.instansi)
        putaran = _buka(versi, admin)
        _komentar(putaran, warga_terkonfirmasi)
        _komentar(putaran, warga_terkonfirmasi, kunci="biaya", isi="Tarif jelas.")

        assert konsultasi.digest_harian() == 2  # the unit admin and the instansi-wide admin
        assert konsultasi.digest_harian() == 0  # same day: nothing twice
        note = Notifikasi.objects.get(pengguna=admin)
        assert "2 komentar baru" in note.pesan
        assert not Notifikasi.objects.filter(pengguna=kepala).exists()

        # The next day: no new comments, but the round ends within 2 working days.
        later = putaran.selesai - timedelta(days=1)
        assert konsultasi.digest_harian(now=later) == 2
        assert "putaran berakhir" in Notifikasi.objects.filter(pengguna=admin).order_by("-pk").first().pesan

    def test_quiet_rounds_send_nothing(self, draf):
        versi, admin, _kepala = draf
        _buka(versi, admin, selesai=timezone.now() + timedelta(days=30))
        assert konsultasi.digest_harian() == 0
