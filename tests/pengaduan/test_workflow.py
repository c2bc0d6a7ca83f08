"""The complaint state machine (pengaduan.workflow + services.pengaduan_transisi): every
(status, step, actor) legal and illegal, the guards of each step, what each step records
(timeline, audit log, e-mail, staff notifications), assignment, responses and notes.

The expected table below is written by hand from the issue, not read off workflow.TRANSISI.
"""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pelayanan.models import JejakAudit, Notifikasi
from pengaduan import services, workflow
from pengaduan.choices import StatusPengaduan
from pengaduan.models import CatatanInternal, Pengaduan, Riwayat
from pengaduan.services import TransisiDitolak
from tests.pengaduan.helpers import ajukan, sampai

pytestmark = pytest.mark.django_db

STATUS = [s.value for s in StatusPengaduan]
LANGKAH = [
    "lengkap",
    "tidak_lengkap",
    "lengkapi",
    "batal",
    "tindak_lanjuti",
    "putuskan",
    "tolak_terlambat",
    "beritahukan",
    "buka_kembali",
]
# Who takes each step: staff (petugas), the holder of the code (pengadu), the daily job (sistem).
PELAKU = {
    "lengkap": "petugas",
    "tidak_lengkap": "petugas",
    "lengkapi": "pengadu",
    "batal": "sistem",
    "tindak_lanjuti": "petugas",
    "putuskan": "petugas",
    "tolak_terlambat": "petugas",
    "beritahukan": "petugas",
    "buka_kembali": "pengadu",
}
# The legal (status, step) pairs and where they lead.
LEGAL = {
    ("diterima", "lengkap"): "lengkap",
    ("diterima", "tidak_lengkap"): "tidak_lengkap",
    ("diterima", "tolak_terlambat"): "diputuskan",  # only when filed after 30 days
    ("tidak_lengkap", "lengkapi"): "lengkap",
    ("tidak_lengkap", "batal"): "batal",
    ("lengkap", "tindak_lanjuti"): "ditindaklanjuti",
    ("ditindaklanjuti", "putuskan"): "diputuskan",
    ("diputuskan", "beritahukan"): "diberitahukan",
    ("diputuskan", "buka_kembali"): "ditindaklanjuti",
    ("diberitahukan", "buka_kembali"): "ditindaklanjuti",
}
# Staff accounts that may handle a complaint of unit A (policy "pengaduan.tangani").
PENANGAN = {
    "pengelola_pengaduan_unit",
    "kepala_unit",
    "admin_unit",
    "pengelola_pengaduan_instansi",
    "admin_unit_instansi",
    "superuser",
}
STAF_DAN_WARGA = [
    "pengelola_pengaduan_unit",
    "kepala_unit",
    "admin_unit",
    "pengelola_pengaduan_instansi",
    "admin_unit_instansi",
    "superuser",
    "penanggung_jawab",
    "pembina",
    "evaluator",
    "moderator",
    "pengelola_pengaduan_unit_lain",
    "pembina_instansi_lain",
    "warga",
    "pengunjung",
]
AKTOR = [*STAF_DAN_WARGA, "pengadu", "sistem"]


def test_tables_match_the_transition_table():
    assert set(workflow.TRANSISI) == set(LANGKAH)
    assert {n: t.pelaku for n, t in workflow.TRANSISI.items()} == PELAKU
    assert {(s, n): t.ke for n, t in workflow.TRANSISI.items() for s in t.dari} == LEGAL


def harapan(status: str, nama: str, aktor: str, *, terlambat: bool = False) -> str:
    jenis = aktor if aktor in ("pengadu", "sistem") else "petugas"
    if jenis != PELAKU[nama] or (jenis == "petugas" and aktor not in PENANGAN):
        return "peran"
    if (status, nama) not in LEGAL or (nama == "tolak_terlambat" and not terlambat):
        return "status"
    return LEGAL[(status, nama)]


class _Batal(Exception):
    pass


def coba(p, nama, aktor, dunia) -> str:
    """Try the step as `aktor` and undo it; "peran", "status" or the status it led to."""
    jenis = aktor if aktor in ("pengadu", "sistem") else "petugas"
    try:
        with transaction.atomic():
            hasil = services.pengaduan_transisi(
                pengaduan=p,
                nama=nama,
                pelaku=jenis,
                oleh=dunia[aktor] if jenis == "petugas" else None,
                teks="Teks langkah.",
                hasil="selesai",
            )
            raise _Batal(hasil.status)
    except _Batal as ok:
        return str(ok)
    except PermissionDenied:
        return "peran"
    except TransisiDitolak:
        return "status"


@pytest.mark.parametrize("nama", LANGKAH)
@pytest.mark.parametrize("status", STATUS)
def test_every_step_from_every_status_by_every_actor(dunia, status, nama):
    p = sampai(ajukan(dunia.a), status, dunia.petugas)
    actual = {aktor: coba(p, nama, aktor, dunia) for aktor in AKTOR}
    expected = {aktor: harapan(status, nama, aktor) for aktor in AKTOR}
    assert actual == expected
    p.refresh_from_db()
    assert p.status == status  # every attempt was undone


@pytest.mark.parametrize("aktor", AKTOR)
def test_declining_a_late_complaint(dunia, aktor):
    hari = timezone.localdate()
    p = ajukan(dunia.a, tanggal_layanan=hari - timezone.timedelta(days=31))
    assert p.terlambat_diajukan
    assert coba(p, "tolak_terlambat", aktor, dunia) == harapan(
        "diterima", "tolak_terlambat", aktor, terlambat=True
    )


class TestGuards:
    @pytest.mark.parametrize(
        ("status", "nama", "pelaku"),
        [
            ("diterima", "tidak_lengkap", "petugas"),
            ("tidak_lengkap", "lengkapi", "pengadu"),
            ("ditindaklanjuti", "putuskan", "petugas"),
            ("diputuskan", "beritahukan", "petugas"),
            ("diputuskan", "buka_kembali", "pengadu"),
        ],
    )
    def test_text_is_required(self, dunia, status, nama, pelaku):
        p = sampai(ajukan(dunia.a), status, dunia.petugas)
        oleh = dunia.petugas if pelaku == "petugas" else None
        with pytest.raises(TransisiDitolak, match="wajib diisi"):
            services.pengaduan_transisi(
                pengaduan=p, nama=nama, pelaku=pelaku, oleh=oleh, teks="  ", hasil="selesai"
            )

    @pytest.mark.parametrize("hasil", ["", "lainnya"])
    def test_decision_needs_selesai_or_ditolak(self, dunia, hasil):
        p = sampai(ajukan(dunia.a), "ditindaklanjuti", dunia.petugas)
        with pytest.raises(TransisiDitolak, match="selesai atau ditolak"):
            services.pengaduan_transisi(
                pengaduan=p, nama="putuskan", oleh=dunia.petugas, teks="x", hasil=hasil
            )

    def test_completing_after_30_days_is_refused(self, dunia):
        lalu = timezone.now() - timezone.timedelta(days=40)
        p = sampai(ajukan(dunia.a, pada=lalu), "tidak_lengkap", dunia.petugas, pada=lalu)
        with pytest.raises(TransisiDitolak, match="sudah lewat"):
            services.pengaduan_transisi(
                pengaduan=p, nama="lengkapi", pelaku="pengadu", teks="Ini kuitansinya."
            )

    def test_reopening_after_14_days_is_refused(self, dunia):
        lalu = timezone.now() - timezone.timedelta(days=15)
        p = sampai(ajukan(dunia.a, pada=lalu), "diputuskan", dunia.petugas, pada=lalu)
        with pytest.raises(TransisiDitolak, match="14 hari"):
            services.pengaduan_transisi(
                pengaduan=p, nama="buka_kembali", pelaku="pengadu", teks="Belum beres."
            )

    def test_reopening_on_day_14_is_allowed_and_counted(self, dunia):
        lalu = timezone.now() - timezone.timedelta(days=14)
        p = sampai(ajukan(dunia.a, pada=lalu), "diputuskan", dunia.petugas, pada=lalu)
        p = services.pengaduan_transisi(
            pengaduan=p, nama="buka_kembali", pelaku="pengadu", teks="Belum beres."
        )
        assert (p.status, p.jumlah_dibuka_kembali) == ("ditindaklanjuti", 1)
        p = services.pengaduan_transisi(
            pengaduan=p, nama="putuskan", oleh=dunia.petugas, hasil="selesai", teks="Uang dikembalikan."
        )
        p = services.pengaduan_transisi(pengaduan=p, nama="buka_kembali", pelaku="pengadu", teks="Lagi.")
        assert p.jumlah_dibuka_kembali == 2

    def test_unknown_step(self, dunia):
        with pytest.raises(ValueError, match="hapus"):
            services.pengaduan_transisi(pengaduan=ajukan(dunia.a), nama="hapus", oleh=dunia.petugas)

    def test_database_refuses_a_decision_without_a_date(self, dunia):
        p = ajukan(dunia.a)
        with pytest.raises(IntegrityError), transaction.atomic():
            Pengaduan.objects.filter(pk=p.pk).update(hasil="selesai")
        with pytest.raises(IntegrityError), transaction.atomic():
            Pengaduan.objects.filter(pk=p.pk).update(status="diputuskan")


class TestRecords:
    def test_each_step_is_on_the_timeline_and_in_the_audit_log(self, dunia):
        p = sampai(ajukan(dunia.a), "diberitahukan", dunia.petugas)
        langkah = list(
            p.riwayat_set.order_by("pada", "id").values_list("jenis", "aksi", "dari_status", "ke_status")
        )
        assert langkah == [
            ("diajukan", "", "", "diterima"),
            ("transisi", "lengkap", "diterima", "lengkap"),
            ("transisi", "tindak_lanjuti", "lengkap", "ditindaklanjuti"),
            ("transisi", "putuskan", "ditindaklanjuti", "diputuskan"),
            ("transisi", "beritahukan", "diputuskan", "diberitahukan"),
        ]
        aksi = list(
            JejakAudit.objects.filter(object_id=str(p.pk), aksi__startswith="pengaduan.")
            .order_by("id")
            .values_list("aksi", "aktor")
        )
        assert aksi == [
            ("pengaduan.ajukan", None),
            ("pengaduan.lengkap", dunia.petugas.pk),
            ("pengaduan.tindak_lanjuti", dunia.petugas.pk),
            ("pengaduan.putuskan", dunia.petugas.pk),
            ("pengaduan.beritahukan", dunia.petugas.pk),
        ]
        assert (p.hasil, p.keputusan, p.petugas) == (
            "selesai",
            "Kelebihan bayar dikembalikan.",
            dunia.petugas,
        )

    def test_complainant_gets_emails_after_commit(self, dunia, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            p = ajukan(dunia.a)
        with django_capture_on_commit_callbacks(execute=True):
            services.pengaduan_transisi(
                pengaduan=p, nama="tidak_lengkap", oleh=dunia.petugas, teks="Mohon lampirkan kuitansi asli."
            )
        surel = [m for m in mail.outbox if m.to == ["siti.pengadu@contoh.example"]]
        assert len(surel) == 2
        assert "diterima" in surel[0].subject
        assert p.kode_tampil in surel[0].body
        assert "Mohon lampirkan kuitansi asli." in surel[1].body
        assert "paling lambat" in surel[1].body
        # The unit's officers were told by in-app notification (and its e-mail), without identity.
        staf = [m for m in mail.outbox if m.to != ["siti.pengadu@contoh.example"]]
        assert staf
        assert all("Siti" not in m.body and "Rahasia No. 7" not in m.body for m in staf)

    def test_no_email_address_no_email(self, dunia, django_capture_on_commit_callbacks):
        identitas = {
            "nama": "Tanpa Surel",
            "alamat": "Jl. X",
            "email": "",
            "telepon": "0812 1111 2222",
            "nik": "",
        }
        with django_capture_on_commit_callbacks(execute=True):
            p = ajukan(dunia.a, identitas=identitas)
            sampai(p, "diputuskan", dunia.petugas)
        assert [m for m in mail.outbox if "pengaduan anda" in m.subject.lower()] == []
        assert mail.outbox  # the staff's notifications still went out

    def test_staff_are_told_when_the_complainant_acts(self, dunia):
        p = sampai(ajukan(dunia.a), "tidak_lengkap", dunia.petugas)
        Notifikasi.objects.all().delete()
        services.pengaduan_transisi(
            pengaduan=p, nama="lengkapi", pelaku="pengadu", teks="Kuitansi terlampir."
        )
        penerima = set(Notifikasi.objects.values_list("pengguna__email", flat=True))
        # No officer assigned yet: every complaint officer of unit A or of instansi X.
        assert penerima == {
            "pengelola_pengaduan_unit@uji.example",
            "pengelola_pengaduan_instansi@uji.example",
        }
        assert all(p.nomor in n.judul for n in Notifikasi.objects.all())


class TestAssignmentResponsesNotes:
    def test_kepala_assigns_an_officer(self, dunia):
        p = ajukan(dunia.a)
        services.pengaduan_tugaskan(pengaduan=p, petugas=dunia["admin_unit"], oleh=dunia["kepala_unit"])
        p.refresh_from_db()
        assert p.petugas == dunia["admin_unit"]
        r = p.riwayat_set.get(jenis="penugasan")
        assert not r.publik  # assignments are internal
        assert Notifikasi.objects.filter(pengguna=dunia["admin_unit"], judul__contains=p.nomor).exists()

    def test_admin_unit_may_take_it_but_not_assign_others(self, dunia):
        p = ajukan(dunia.a)
        services.pengaduan_tugaskan(pengaduan=p, petugas=dunia["admin_unit"], oleh=dunia["admin_unit"])
        with pytest.raises(PermissionDenied):
            services.pengaduan_tugaskan(pengaduan=p, petugas=dunia["kepala_unit"], oleh=dunia["admin_unit"])

    @pytest.mark.parametrize("calon", ["pembina", "pengelola_pengaduan_unit_lain", "warga"])
    def test_only_someone_who_may_handle_it_can_be_assigned(self, dunia, calon):
        with pytest.raises(ValidationError, match="tidak berwenang"):
            services.pengaduan_tugaskan(
                pengaduan=ajukan(dunia.a), petugas=dunia[calon], oleh=dunia["kepala_unit"]
            )

    def test_pembina_cannot_assign(self, dunia):
        with pytest.raises(PermissionDenied):
            services.pengaduan_tugaskan(
                pengaduan=ajukan(dunia.a), petugas=dunia.petugas, oleh=dunia["pembina"]
            )

    def test_responses_are_public_notes_are_not(self, dunia):
        p = ajukan(dunia.a)
        r = services.tanggapan_tulis(pengaduan=p, teks="Kami periksa kasirnya.", oleh=dunia.petugas)
        c = services.catatan_tulis(
            pengaduan=p, teks="Kasir X sudah dua kali dilaporkan.", oleh=dunia["pembina"]
        )
        assert r.publik
        assert r.jenis == "tanggapan"
        assert isinstance(c, CatatanInternal)
        assert not Riwayat.objects.filter(teks__contains="Kasir X").exists()

    @pytest.mark.parametrize("aktor", ["pembina", "penanggung_jawab", "evaluator", "warga"])
    def test_only_handlers_respond(self, dunia, aktor):
        with pytest.raises(PermissionDenied):
            services.tanggapan_tulis(pengaduan=ajukan(dunia.a), teks="Halo", oleh=dunia[aktor])

    @pytest.mark.parametrize("aktor", ["evaluator", "warga", "pengelola_pengaduan_unit_lain"])
    def test_only_readers_write_notes(self, dunia, aktor):
        with pytest.raises(PermissionDenied):
            services.catatan_tulis(pengaduan=ajukan(dunia.a), teks="Catatan", oleh=dunia[aktor])

    def test_no_response_to_a_lapsed_complaint(self, dunia):
        p = sampai(ajukan(dunia.a), "batal", dunia.petugas)
        with pytest.raises(TransisiDitolak):
            services.tanggapan_tulis(pengaduan=p, teks="Terlambat", oleh=dunia.petugas)
