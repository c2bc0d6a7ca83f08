"""The complainant's identity at rest and in use (UU 25/2009 Pasal 42(5), 49; UU 27/2022):
encrypted in the database, read in plain text by the code, never searchable; every access
(staff page, receipt, e-mail, data export) in the audit log with who, which complaint and why;
erased after the retention period by an idempotent, audited daily job."""

from datetime import timedelta
from importlib import import_module

import pytest
from cryptography.fernet import Fernet
from django.apps import apps as global_apps
from django.conf import settings as django_settings
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pelayanan import kripto
from pelayanan.models import JejakAudit
from pengaduan import privasi, retensi, tasks
from pengaduan.models import IdentitasPengadu, Pengaduan
from tests.pengaduan.helpers import IDENTITAS, ajukan, sampai

pytestmark = pytest.mark.django_db

KOLOM = ("nama", "alamat", "email", "telepon", "nik")
migrasi = import_module("pengaduan.migrations.0003_enkripsi_identitas")


def mentah(p: Pengaduan) -> dict[str, str]:
    """The identity's columns as the database holds them."""
    tabel = IdentitasPengadu._meta.db_table
    with connection.cursor() as c:
        c.execute(f"SELECT {', '.join(KOLOM)} FROM {tabel} WHERE pengaduan_id = %s", [p.pk])  # noqa: S608
        return dict(zip(KOLOM, c.fetchone(), strict=True))


def akses(p: Pengaduan):
    return JejakAudit.objects.filter(aksi="pengaduan.lihat_identitas", object_id=str(p.pk)).order_by("id")


class TestEncryptedAtRest:
    def test_the_raw_columns_hold_no_plain_text(self, dunia):
        p = ajukan(dunia.a)
        raw = mentah(p)
        for kolom in KOLOM:
            assert raw[kolom] != IDENTITAS[kolom]
            assert IDENTITAS[kolom] not in raw[kolom]
            assert raw[kolom].startswith("gAAAAA")  # a Fernet token
        # ... and the code reads the plain text.
        i = IdentitasPengadu.objects.get(pengaduan=p)
        assert {k: getattr(i, k) for k in KOLOM} == IDENTITAS

    def test_same_text_gives_different_tokens(self, dunia):
        a, b = ajukan(dunia.a), ajukan(dunia.a)
        assert mentah(a)["nik"] != mentah(b)["nik"]

    def test_empty_optional_fields_stay_empty(self, dunia):
        p = ajukan(dunia.a, identitas={**IDENTITAS, "nik": "", "telepon": ""})
        assert (mentah(p)["nik"], mentah(p)["telepon"]) == ("", "")
        assert IdentitasPengadu.objects.get(pengaduan=p).nik == ""

    def test_validation_applies_to_the_plain_text(self, dunia):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as exc:
            ajukan(dunia.a, identitas={**IDENTITAS, "nik": "123", "email": "bukan-email"})
        assert {"nik", "email"} <= set(exc.value.message_dict)

    def test_encrypted_columns_cannot_be_searched(self, dunia):
        ajukan(dunia.a)
        with pytest.raises(FieldError):
            list(IdentitasPengadu.objects.filter(nama=IDENTITAS["nama"]))
        with pytest.raises(FieldError):
            list(Pengaduan.objects.filter(identitas__nik__startswith="33"))
        assert IdentitasPengadu.objects.filter(nama__isnull=False).count() == 1

    def test_a_wrong_key_is_an_error_not_empty_data(self, dunia, settings):
        p = ajukan(dunia.a)
        settings.PII_KEYS = [Fernet.generate_key().decode()]
        with pytest.raises(kripto.TokenTidakSah):
            IdentitasPengadu.objects.get(pengaduan=p)

    def test_key_rotation(self, dunia, settings):
        p = ajukan(dunia.a)
        lama = settings.PII_KEYS[0]
        baru = Fernet.generate_key().decode()
        settings.PII_KEYS = [baru, lama]
        assert IdentitasPengadu.objects.get(pengaduan=p).nama == IDENTITAS["nama"]  # old key still reads
        call_command("pii_rotasi", stdout=open("/dev/null", "w"))  # noqa: SIM115
        settings.PII_KEYS = [baru]  # the old key dropped
        i = IdentitasPengadu.objects.get(pengaduan=p)
        assert {k: getattr(i, k) for k in KOLOM} == IDENTITAS
        assert JejakAudit.objects.filter(aksi="pii.rotasi_kunci").get().data == {
            "pengaduan.IdentitasPengadu": 1
        }

    def test_the_data_migration_encrypts_existing_rows_once_and_reverses(self, dunia):
        p = ajukan(dunia.a, identitas={**IDENTITAS, "telepon": ""})
        tabel = IdentitasPengadu._meta.db_table
        with connection.cursor() as c:  # a row as it was before the migration: plain text
            c.execute(
                f"UPDATE {tabel} SET nama = %s, alamat = %s, email = %s, nik = %s WHERE pengaduan_id = %s",  # noqa: S608
                [IDENTITAS["nama"], IDENTITAS["alamat"], IDENTITAS["email"], IDENTITAS["nik"], p.pk],
            )
        editor = connection.schema_editor()
        migrasi.maju(global_apps, editor)
        sekali = mentah(p)
        assert IDENTITAS["nama"] not in sekali["nama"]
        assert sekali["telepon"] == ""
        assert IdentitasPengadu.objects.get(pengaduan=p).nama == IDENTITAS["nama"]
        migrasi.maju(global_apps, editor)  # idempotent: tokens are left as they are
        assert mentah(p) == sekali
        migrasi.mundur(global_apps, editor)
        assert mentah(p)["nama"] == IDENTITAS["nama"]

    def test_production_has_no_embedded_key(self):
        assert django_settings.PII_KEY_DEV in django_settings.PII_KEYS  # tests use the dev key
        source = open(django_settings.BASE_DIR / "pelayanan/settings/production.py").read()  # noqa: SIM115
        assert "DJANGO_PII_KEY" in source
        assert "PII_KEY_DEV in PII_KEYS" in source


class TestEveryAccessLogged:
    def test_receipt_in_the_filing_session_and_with_the_code_only(self, client, dunia):
        p = ajukan(dunia.a, mode_privasi="anonim")
        akses(p).delete()
        client.get(reverse("pengaduan:lacak_detail", args=[p.kode]))  # opens the code, no identity
        html = client.get(reverse("pengaduan:tanda_terima", args=[p.kode])).content.decode()
        assert IDENTITAS["nama"] not in html  # masked: this session did not file it
        session = client.session
        session["pengaduan_diajukan"] = [p.kode]
        session.save()
        assert (
            IDENTITAS["nama"] in client.get(reverse("pengaduan:tanda_terima", args=[p.kode])).content.decode()
        )
        assert list(akses(p).values_list("aktor", "data")) == [
            (None, {"mode": "anonim", "keperluan": "tanda_terima", "samaran": True}),
            (None, {"mode": "anonim", "keperluan": "tanda_terima"}),
        ]

    def test_receipt_by_a_signed_in_citizen_names_the_account(self, client, dunia):
        p = ajukan(dunia.a)
        akses(p).delete()
        client.force_login(dunia["warga"])
        client.get(reverse("pengaduan:tanda_terima", args=[p.kode]))
        assert akses(p).get().aktor == dunia["warga"]

    def test_staff_viewing(self, client, dunia):
        p = sampai(ajukan(dunia.a), "lengkap", dunia.petugas)
        akses(p).delete()
        client.force_login(dunia.petugas)
        html = client.post(reverse("pengaduan:staf_identitas", args=[p.pk])).content.decode()
        assert IDENTITAS["alamat"] in html
        entry = akses(p).get()
        assert (entry.aktor, entry.data) == (dunia.petugas, {"mode": "publik", "keperluan": "halaman_staf"})

    def test_the_email_to_the_complainant(self, dunia, mailoutbox):
        p = ajukan(dunia.a)
        akses(p).delete()
        assert tasks.kirim_surel_pengadu(p.pk, "diterima") is True
        assert mailoutbox[-1].to == [IDENTITAS["email"]]
        assert akses(p).get().data == {"mode": "publik", "keperluan": "surel"}

    def test_entries_never_hold_the_identity(self, client, dunia):
        p = ajukan(dunia.a)
        client.force_login(dunia.petugas)
        client.post(reverse("pengaduan:staf_identitas", args=[p.pk]))
        jejak = str(list(akses(p).values("data", "objek_repr")))
        assert all(IDENTITAS[k] not in jejak for k in KOLOM)

    def test_unknown_purpose_is_refused(self, dunia):
        with pytest.raises(ValueError, match="iseng"):
            privasi.identitas_akses(pengaduan=ajukan(dunia.a), aktor=None, keperluan="iseng")


class TestRetention:
    def _lalu(self, hari):
        return timezone.now() - timedelta(days=hari)

    def test_closed_past_retention_erased_once_and_audited(self, dunia, settings):
        settings.PENGADUAN_RETENSI_IDENTITAS_HARI = 30
        lama = sampai(
            ajukan(dunia.a, pada=self._lalu(90)), "diberitahukan", dunia.petugas, pada=self._lalu(60)
        )
        batal = sampai(ajukan(dunia.a, pada=self._lalu(120)), "batal", dunia.petugas, pada=self._lalu(80))
        baru = sampai(
            ajukan(dunia.a, pada=self._lalu(20)), "diberitahukan", dunia.petugas, pada=self._lalu(10)
        )
        assert tasks.pengaduan_harian()["identitas_dihapus"] == 2
        assert tasks.pengaduan_harian()["identitas_dihapus"] == 0  # idempotent
        for p in (lama, batal):
            i = IdentitasPengadu.objects.get(pengaduan=p)
            assert (i.nama, i.email, i.nik) == (retensi.DIHAPUS, "", "")
            assert IDENTITAS["nama"] not in str(mentah(p))
        assert IdentitasPengadu.objects.get(pengaduan=baru).nama == IDENTITAS["nama"]
        entry = JejakAudit.objects.get(aksi="pengaduan.identitas_dihapus")
        assert entry.data == {"jumlah": 2, "retensi_hari": 30}

    def test_erased_identity_is_not_mailed(self, dunia, settings, mailoutbox):
        settings.PENGADUAN_RETENSI_IDENTITAS_HARI = 1
        p = sampai(ajukan(dunia.a, pada=self._lalu(10)), "diberitahukan", dunia.petugas, pada=self._lalu(5))
        retensi.hapus_identitas_kedaluwarsa()
        mailoutbox.clear()
        assert tasks.kirim_surel_pengadu(p.pk, "status") is False
        assert mailoutbox == []

    def test_the_daily_job_is_scheduled_and_the_period_is_a_setting(self):
        jadwal = {v["task"] for v in django_settings.CELERY_BEAT_SCHEDULE.values()}
        assert "pengaduan.tasks.pengaduan_harian" in jadwal
        assert isinstance(django_settings.PENGADUAN_RETENSI_IDENTITAS_HARI, int)
