"""The SKM demo data: real figures, a short sample, follow-ups; identical when loaded twice."""

import pytest

from evaluasi import ikm, sampel
from evaluasi.models import JawabanSKM, PeriodeSKM, RencanaTindakLanjut, RingkasanSKM


@pytest.mark.django_db
def test_demo_data_is_believable_and_idempotent():
    from evaluasi import demo as evaluasi_demo
    from pelayanan import demo as pelayanan_demo

    pelayanan_demo.load()
    evaluasi_demo.load()
    counts = [m.objects.count() for m in (PeriodeSKM, JawabanSKM, RingkasanSKM, RencanaTindakLanjut)]
    terbit = PeriodeSKM.objects.filter(diterbitkan=True)
    assert terbit.count() == 4
    for p in terbit:
        hasil = ikm.hasil_periode(p).unit
        assert sampel.kecukupan(p.populasi, hasil.jumlah).cukup
        assert hasil.mutu is not None
        assert p.rtl_set.filter(status="selesai").exists()
    short = [
        p for p in PeriodeSKM.objects.all() if not sampel.kecukupan(p.populasi, p.jawaban_set.count()).cukup
    ]
    assert {p.status for p in short} == {"selesai", "berjalan"}
    evaluasi_demo.load()
    assert counts == [m.objects.count() for m in (PeriodeSKM, JawabanSKM, RingkasanSKM, RencanaTindakLanjut)]
