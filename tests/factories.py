"""Small factories for tests (factory_boy), with Indonesian fake data."""

import factory
from django.utils.text import slugify

from pelayanan.choices import JenisInstansi
from pelayanan.models import Instansi, Layanan, Pengguna, PenugasanPeran, Unit

TEST_PASSWORD = "kata-sandi-uji-123"


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ["slug"]

    nama = factory.Sequence(lambda n: f"Pemerintah Kabupaten Uji {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.nama))
    jenis = JenisInstansi.KABUPATEN


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    instansi = factory.SubFactory(InstansiFactory)
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.nama))
    penanggung_jawab_nama = factory.Faker("name", locale="id_ID")
    penanggung_jawab_jabatan = "Kepala Dinas"
    alamat = "Jl. Uji No. 1"
    telepon = "0271 123456"
    email = factory.LazyAttribute(lambda o: f"{o.slug}@uji.example")
    alamat_pengaduan = "Loket pengaduan"
    jam_layanan = "Senin–Jumat 08.00–15.00"


class LayananFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Layanan

    unit = factory.SubFactory(UnitFactory)
    nama = factory.Sequence(lambda n: f"Layanan Uji {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.nama))


def user_factory(email=None, nama_lengkap="Pengguna Uji", password=TEST_PASSWORD, **extra) -> Pengguna:
    if email is None:
        email = f"pengguna{Pengguna.objects.count() + 1}@uji.example"
    return Pengguna.objects.create_user(email=email, password=password, nama_lengkap=nama_lengkap, **extra)


def grant(user: Pengguna, peran: str, *, unit=None, instansi=None) -> PenugasanPeran:
    """Give `user` a role on a scope (validated as the admin would)."""
    g = PenugasanPeran(pengguna=user, peran=peran, unit=unit, instansi=instansi)
    g.full_clean()
    g.save()
    user.__dict__.pop("_policy_grants", None)
    return g
