"""The demo data lands the units in different zones of the compliance index, with a yearly
evaluation recorded on a published standard; loading it twice changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluasi import kepatuhan
from pelayanan.models import Unit
from standar import jadwal
from standar.models import EvaluasiPenerapan, Maklumat, PutaranKonsultasi, VersiStandar

pytestmark = pytest.mark.django_db


def _load():
    from evaluasi import demo as evaluasi_demo
    from pelayanan import demo as pelayanan_demo
    from pengaduan import demo as pengaduan_demo
    from standar import demo as standar_demo

    for module in (pelayanan_demo, standar_demo, pengaduan_demo, evaluasi_demo):
        module.load()


def _counts():
    return [m.objects.count() for m in (VersiStandar, EvaluasiPenerapan, Maklumat, PutaranKonsultasi)]


def test_demo_units_land_in_the_three_zones():
    _load()
    counts = _counts()
    units = {u.slug: u.pk for u in Unit.objects.all()}
    today = timezone.localdate()
    # The last twelve months, judged today (whatever day the demo is loaded on).
    hasil = kepatuhan.hitung(units.values(), today - timedelta(days=364), today)
    zona = {slug: hasil[pk].zona for slug, pk in units.items()}
    assert zona["disdukcapil-mekarsari"] == "hijau"
    assert zona["disdukcapil-sukamaju"] == "kuning"
    assert zona["kecamatan-sukamaju-utara"] == "merah"

    # The model unit: every rule about standards and the maklumat met (the official PDF
    # aside, which the demo renders after commit), its evaluation on record.
    rincian = {r["kode"]: r for r in hasil[units["disdukcapil-mekarsari"]].rincian}
    for kode in ["standar_terbit", "komponen_lengkap", "konsultasi_pemangku", "maklumat_tepat_waktu"]:
        assert rincian[kode]["lulus"], kode
    evaluasi = EvaluasiPenerapan.objects.get(versi__standar__layanan__unit__slug="disdukcapil-mekarsari")
    assert jadwal.jadwal_versi(evaluasi.versi).evaluasi > today
    assert jadwal.terlambat_per_unit([units["disdukcapil-mekarsari"]], today)[
        units["disdukcapil-mekarsari"]
    ] == {
        "evaluasi": 0,
        "peninjauan": 0,
    }

    _load()
    assert _counts() == counts
