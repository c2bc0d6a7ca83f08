"""The rights of a citizen account over its data (UU 27/2022 Pasal 7-9, 13, 32, 43): a copy of
everything the portal holds about it ("Unduh data saya"), and deleting the account ("Hapus
akun saya").

- The copy is one JSON document (in a ZIP with a short note): the profile, role grants, the
  comments written and their answers, the comments supported and reported, the complaints
  filed while signed in (with the identity given, read through pengaduan.privasi so the
  access is logged), the notifications and the account's own activity in the audit log.
  SKM answers are anonymous and are not linked to the account: they are not in it.
- Deletion asks for the password again. Staff accounts (any role grant, staff or superuser)
  are not deleted here: their acts are records of the agency; an administrator handles them.
  The account row is deleted: comments stay, shown as "Warga (akun dihapus)" (Komentar.penulis
  is SET_NULL); supports, notifications and grants go with it; complaints stay with the unit
  (the identity given in them follows the complaints' retention, pengaduan.retensi); the
  audit log keeps what happened but no longer names the account (its "objek" text is
  replaced). One audit entry records the deletion, without the address or the name.
"""

from __future__ import annotations

import io
import json
import zipfile

from django.contrib.auth.hashers import check_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pelayanan.audit import audit_record
from pelayanan.models import JejakAudit, Notifikasi, Pengguna, PenugasanPeran

VERSI_FORMAT = 1
BATAS_AKTIVITAS = 1000  # the newest audit entries of the account in the copy


def _t(waktu) -> str | None:
    return timezone.localtime(waktu).isoformat() if waktu else None


def _profil(p: Pengguna) -> dict:
    return {
        "email": p.email,
        "nama_lengkap": p.nama_lengkap,
        "telepon": p.telepon,
        "terdaftar_pada": _t(p.date_joined),
        "masuk_terakhir": _t(p.last_login),
        "email_dikonfirmasi_pada": _t(p.email_dikonfirmasi_pada),
    }


def _komentar(p: Pengguna) -> list[dict]:
    from standar.models import Komentar

    rows = Komentar.objects.filter(penulis=p).select_related(
        "putaran__versi__standar__layanan__unit", "jawaban"
    )
    hasil = []
    for k in rows.order_by("dibuat_pada", "id"):
        jawaban = getattr(k, "jawaban", None)
        hasil.append(
            {
                "id": k.pk,
                "standar": str(k.putaran.versi.standar.layanan),
                "unit": k.putaran.versi.standar.layanan.unit.nama,
                "putaran": k.putaran_id,
                "komponen": k.kunci,
                "butir": k.item_id,
                "membalas": k.induk_id,
                "kategori": k.kategori,
                "isi": k.isi,
                "dibuat_pada": _t(k.dibuat_pada),
                "disembunyikan_pada": _t(k.disembunyikan_pada),
                "alasan_disembunyikan": k.alasan_disembunyikan,
                "jawaban": {"keputusan": jawaban.keputusan, "alasan": jawaban.alasan} if jawaban else None,
            }
        )
    return hasil


def _dukungan(p: Pengguna) -> list[dict]:
    from standar.models import DukunganKomentar

    return [
        {"komentar": r["komentar_id"], "pada": _t(r["pada"])}
        for r in DukunganKomentar.objects.filter(pengguna=p).order_by("pada").values("komentar_id", "pada")
    ]


def _laporan(p: Pengguna) -> list[dict]:
    from standar.models import LaporanKomentar

    return [
        {"komentar": r["komentar_id"], "alasan": r["alasan"], "catatan": r["catatan"], "pada": _t(r["pada"])}
        for r in LaporanKomentar.objects.filter(pelapor=p)
        .order_by("pada")
        .values("komentar_id", "alasan", "catatan", "pada")
    ]


def _pengaduan(p: Pengguna) -> list[dict]:
    from pengaduan import privasi
    from pengaduan.models import Pengaduan, Riwayat

    daftar = list(
        Pengaduan.objects.filter(pengaju=p).select_related("unit", "layanan").order_by("diterima_pada")
    )
    riwayat: dict[int, list] = {}
    for r in Riwayat.objects.filter(pengaduan__in=daftar, publik=True).order_by("pada", "id"):
        riwayat.setdefault(r.pengaduan_id, []).append(
            {
                "pada": _t(r.pada),
                "jenis": r.jenis,
                "langkah": r.aksi,
                "ke_status": r.ke_status,
                "teks": r.teks,
            }
        )
    hasil = []
    for x in daftar:
        identitas = privasi.identitas_akses(pengaduan=x, aktor=p, keperluan=privasi.EKSPOR)
        hasil.append(
            {
                "nomor": x.nomor,
                "kode_pelacakan": x.kode_tampil,
                "unit": x.unit.nama,
                "layanan": x.layanan.nama if x.layanan else None,
                "bagian": x.bagian,
                "uraian": x.uraian,
                "tanggal_layanan": x.tanggal_layanan.isoformat(),
                "kerugian": x.kerugian,
                "permintaan": x.permintaan,
                "kerahasiaan": x.mode_privasi,
                "status": x.status,
                "diterima_pada": _t(x.diterima_pada),
                "identitas": (
                    None
                    if identitas is None or identitas.dihapus_pada
                    else {
                        "nama": identitas.nama,
                        "alamat": identitas.alamat,
                        "email": identitas.email,
                        "telepon": identitas.telepon,
                        "nik": identitas.nik,
                    }
                ),
                "riwayat": riwayat.get(x.pk, []),
            }
        )
    return hasil


def _notifikasi(p: Pengguna) -> list[dict]:
    return [
        {
            "judul": r["judul"],
            "pesan": r["pesan"],
            "tautan": r["tautan"],
            "dibuat_pada": _t(r["dibuat_pada"]),
            "dibaca_pada": _t(r["dibaca_pada"]),
        }
        for r in Notifikasi.objects.filter(pengguna=p)
        .order_by("dibuat_pada", "id")
        .values("judul", "pesan", "tautan", "dibuat_pada", "dibaca_pada")
    ]


def _aktivitas(p: Pengguna) -> list[dict]:
    rows = (
        JejakAudit.objects.filter(aktor=p).order_by("-waktu", "-id").values("waktu", "aksi")[:BATAS_AKTIVITAS]
    )
    return [{"waktu": _t(r["waktu"]), "aksi": r["aksi"]} for r in rows]


def data_saya_kumpulkan(*, pengguna: Pengguna) -> dict:
    """Everything the portal holds about the account, as JSON values (a constant number of
    queries, plus one audit entry per complaint identity read)."""
    return {
        "format": VERSI_FORMAT,
        "dibuat_pada": _t(timezone.now()),
        "profil": _profil(pengguna),
        "peran": [
            str(g)
            for g in PenugasanPeran.objects.filter(pengguna=pengguna).select_related("unit", "instansi")
        ],
        "komentar": _komentar(pengguna),
        "dukungan_komentar": _dukungan(pengguna),
        "laporan_komentar": _laporan(pengguna),
        "pengaduan": _pengaduan(pengguna),
        "notifikasi": _notifikasi(pengguna),
        "aktivitas": _aktivitas(pengguna),
    }


CATATAN = gettext_lazy(
    "Salinan data pribadi Anda dari Portal Standar Pelayanan Publik (UU 27/2022 Pasal 7 dan 13).\n"
    "data-saya.json memuat profil akun, komentar dan dukungan, pengaduan yang Anda ajukan saat masuk,\n"
    "notifikasi, dan aktivitas akun Anda. Jawaban Survei Kepuasan Masyarakat bersifat anonim dan tidak\n"
    "terhubung dengan akun, sehingga tidak termasuk.\n"
)


@transaction.atomic
def data_saya_unduh(*, pengguna: Pengguna) -> bytes:
    """The account's copy as a ZIP (data-saya.json and a note); audited."""
    data = data_saya_kumpulkan(pengguna=pengguna)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data-saya.json", json.dumps(data, ensure_ascii=False, indent=2))
        z.writestr("BACA-SAYA.txt", str(CATATAN))
    audit_record(
        aktor=pengguna,
        aksi="akun.unduh_data",
        objek=pengguna,
        data={k: len(data[k]) for k in ("komentar", "pengaduan", "notifikasi")},
    )
    return buffer.getvalue()


def boleh_hapus_sendiri(pengguna: Pengguna) -> bool:
    """Citizen accounts only: staff, superusers and role holders are handled by an admin."""
    return not (pengguna.is_staff or pengguna.is_superuser or pengguna.penugasan.exists())


@transaction.atomic
def akun_hapus(*, pengguna: Pengguna, password: str) -> None:
    """Delete the citizen's own account after the password was given again (see the module
    docstring for what stays). Raises ValidationError with the reason otherwise."""
    pengguna = Pengguna.objects.select_for_update().get(pk=pengguna.pk)
    if not password or not check_password(password, pengguna.password):
        raise ValidationError({"password": _("Kata sandi salah.")})
    if not boleh_hapus_sendiri(pengguna):
        raise ValidationError(
            _("Akun petugas tidak dapat dihapus sendiri. Hubungi administrator portal di instansi Anda.")
        )
    pk = pengguna.pk
    jumlah = {
        "komentar": pengguna.komentar_set.count(),
        "pengaduan": pengguna.pengaduan_diajukan.count(),
    }
    ct = ContentType.objects.get_for_model(Pengguna)
    try:
        with transaction.atomic():
            pengguna.delete()
    except ProtectedError:
        raise ValidationError(
            _(
                "Akun ini tercatat pada dokumen kedinasan dan tidak dapat dihapus sendiri. "
                "Hubungi administrator portal."
            )
        ) from None
    # The audit log keeps the events, not the person: str(pengguna) was "Nama <email>".
    JejakAudit.objects.filter(content_type=ct, object_id=str(pk)).update(
        objek_repr=f"Pengguna #{pk} (dihapus)"
    )
    _hapus_jejak_masuk(pengguna.email)
    audit_record(aktor=None, aksi="akun.hapus", data={"pengguna_id": pk, **jumlah})


def _hapus_jejak_masuk(email: str) -> None:
    """Failed-login records keep the address typed (django-axes): delete them too."""
    from django.apps import apps

    if not apps.is_installed("axes"):
        return
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
