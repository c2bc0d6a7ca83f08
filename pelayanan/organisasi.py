"""Services that change units and their services (layanan); each is audited."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pelayanan import konkurensi, policy
from pelayanan.audit import audit_record
from pelayanan.models import KanalPengaduanUnit, Layanan, Unit

# What the profile form edits (pelayanan.forms.UnitProfilForm uses this list) and what the
# service form edits.
FIELDS_PROFIL = [
    "nama",
    "singkatan",
    "uraian",
    "penanggung_jawab_nama",
    "penanggung_jawab_jabatan",
    "pengelola_pengaduan_nama",
    "alamat",
    "telepon",
    "email",
    "situs_web",
    "alamat_pengaduan",
    "jam_layanan",
]
FIELDS_LAYANAN = ["nama", "uraian", "aktif"]


def _changed(instance, fields) -> dict:
    return {f: str(getattr(instance, f)) for f in fields}


def sidik_unit(unit_id: int) -> str:
    """The fingerprint of a unit's profile and complaint channels as stored now."""
    unit = Unit.objects.only(*FIELDS_PROFIL).get(pk=unit_id)
    kanal = list(
        KanalPengaduanUnit.objects.filter(unit_id=unit_id)
        .order_by("pk")
        .values_list("pk", "jenis", "nilai", "urutan")
    )
    return konkurensi.sidik(konkurensi.sidik_objek(unit, FIELDS_PROFIL), kanal)


def sidik_layanan(layanan: Layanan) -> str:
    return konkurensi.sidik_objek(layanan, FIELDS_LAYANAN)


@transaction.atomic
def unit_profile_update(*, unit: Unit, form, kanal_formset, oleh, dasar: str | None = None) -> Unit:
    """Save a unit's profile and its complaint channels (forms already validated). `dasar` is
    the fingerprint the form was opened on: a profile changed since is not overwritten."""
    policy.require(oleh, "unit.ubah_profil", unit)
    Unit.objects.select_for_update().filter(pk=unit.pk).first()  # one editor at a time
    konkurensi.periksa(dasar, sidik_unit(unit.pk), apa=_("Profil unit ini"))
    unit = form.save()
    kanal_formset.instance = unit
    kanal_formset.save()
    audit_record(
        aktor=oleh,
        aksi="unit.ubah_profil",
        objek=unit,
        data={"diubah": form.changed_data, "kanal_diubah": kanal_formset.has_changed()},
    )
    return unit


def _unique_slug(unit: Unit, nama: str, exclude_pk=None) -> str:
    base = slugify(nama)[:100] or "layanan"
    slug, n = base, 2
    taken = Layanan.objects.filter(unit=unit).exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def layanan_create(*, unit: Unit, nama: str, uraian: str = "", aktif: bool = True, oleh) -> Layanan:
    policy.require(oleh, "layanan.kelola", unit)
    layanan = Layanan(unit=unit, nama=nama.strip(), uraian=uraian, aktif=aktif)
    layanan.slug = _unique_slug(unit, layanan.nama)
    layanan.full_clean()
    layanan.save()
    audit_record(aktor=oleh, aksi="layanan.tambah", objek=layanan, data=_changed(layanan, ["nama"]))
    return layanan


@transaction.atomic
def layanan_update(
    *, layanan: Layanan, nama: str, uraian: str, aktif: bool, oleh, dasar: str | None = None
) -> Layanan:
    policy.require(oleh, "layanan.kelola", layanan)
    layanan = Layanan.objects.select_for_update().get(pk=layanan.pk)
    konkurensi.periksa(dasar, sidik_layanan(layanan), apa=_("Layanan ini"))
    before = _changed(layanan, ["nama", "uraian", "aktif"])
    layanan.nama, layanan.uraian, layanan.aktif = nama.strip(), uraian, aktif
    layanan.full_clean()
    layanan.save(update_fields=["nama", "uraian", "aktif"])
    after = _changed(layanan, ["nama", "uraian", "aktif"])
    diff = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    audit_record(aktor=oleh, aksi="layanan.ubah", objek=layanan, data=diff)
    return layanan
