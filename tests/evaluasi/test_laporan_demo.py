"""The demo's compiled reports: four finished quarterly reports of the kabupaten filling the
dashboard's summary rows, the newest submitted and reviewed; identical when loaded twice."""

import pytest
from django.core.management import call_command

from evaluasi.choices import StatusLaporan
from evaluasi.models import LaporanEvaluasi, PengantarLaporan, RingkasanUnit, TinjauanPembina


@pytest.mark.django_db
def test_demo_reports_are_compiled_submitted_and_reviewed_once():
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    laporan = list(LaporanEvaluasi.objects.order_by("mulai"))
    assert len(laporan) == 4
    assert {lap.instansi.slug for lap in laporan} == {"kabupaten-sukamaju"}
    assert all(lap.status == StatusLaporan.SELESAI for lap in laporan), [lap.galat for lap in laporan]
    assert [lap.jenis for lap in laporan] == ["triwulan"] * 4
    terbaru = laporan[-1]
    assert PengantarLaporan.objects.get().laporan == terbaru
    assert PengantarLaporan.objects.get().oleh.email == "sekda@sukamajukab.example"
    assert TinjauanPembina.objects.get().oleh.email == "bupati@sukamajukab.example"
    unit_kabupaten = {u["id"] for u in terbaru.snapshot["unit"]}
    assert len(unit_kabupaten) >= 3
    for lap in laporan:
        rows = RingkasanUnit.objects.filter(jenis=lap.jenis, tahun=lap.tahun, ke=lap.ke)
        assert set(rows.values_list("unit_id", flat=True)) == {u["id"] for u in lap.snapshot["unit"]}
    # The newest quarter has the SKM results of the demo.
    assert any(u["ikm"]["nilai"] for u in terbaru.snapshot["unit"])
    sidik = [(lap.pk, lap.sha256_pdf, lap.percobaan) for lap in laporan]
    jumlah = [m.objects.count() for m in (LaporanEvaluasi, RingkasanUnit, PengantarLaporan, TinjauanPembina)]
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sidik == [
        (lap.pk, lap.sha256_pdf, lap.percobaan) for lap in LaporanEvaluasi.objects.order_by("mulai")
    ]
    assert jumlah == [
        m.objects.count() for m in (LaporanEvaluasi, RingkasanUnit, PengantarLaporan, TinjauanPembina)
    ]
