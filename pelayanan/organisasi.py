"""Services that change units and their services (layanan); each is audited."""

from django.db import transaction
from django.utils.text import slugify

from pelayanan import policy
from pelayanan.audit import audit_record
from pelayanan.models import Layanan, Unit


def _changed(instance, fields) -> dict:
    return {f: str(getattr(instance, f)) for f in fields}


@transaction.atomic
def unit_profile_update(*, unit: Unit, form, kanal_formset, oleh) -> Unit:
    """Save a unit's profile and its complaint channels (forms already validated)."""
    policy.require(oleh, "unit.ubah_profil", unit)
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
def layanan_update(*, layanan: Layanan, nama: str, uraian: str, aktif: bool, oleh) -> Layanan:
    policy.require(oleh, "layanan.kelola", layanan)
    before = _changed(layanan, ["nama", "uraian", "aktif"])
    layanan.nama, layanan.uraian, layanan.aktif = nama.strip(), uraian, aktif
    layanan.full_clean()
    layanan.save(update_fields=["nama", "uraian", "aktif"])
    after = _changed(layanan, ["nama", "uraian", "aktif"])
    diff = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    audit_record(aktor=oleh, aksi="layanan.ubah", objek=layanan, data=diff)
    return layanan
