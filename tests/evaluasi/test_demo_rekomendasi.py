"""The dashboard's demo data: two recommendations from the bupati, one being followed up and
one done; identical when loaded twice; the demo Pembina sees them on the dashboard."""

import pytest
from django.urls import reverse

from evaluasi.models import Rekomendasi
from pelayanan.models import JejakAudit, Notifikasi, Pengguna

pytestmark = pytest.mark.django_db


def test_demo_recommendations_are_believable_and_idempotent(client):
    from evaluasi import demo_rekomendasi
    from pelayanan import demo as pelayanan_demo

    pelayanan_demo.load()
    demo_rekomendasi.load()
    rows = list(Rekomendasi.objects.select_related("unit", "dibuat_oleh").order_by("unit__slug"))
    assert [(r.unit.slug, r.status, r.dibuat_oleh.email) for r in rows] == [
        ("disdukcapil-sukamaju", "ditindaklanjuti", "bupati@sukamajukab.example"),
        ("dpmptsp-sukamaju", "selesai", "bupati@sukamajukab.example"),
    ]
    assert all(r.tindak_lanjut for r in rows)
    assert rows[1].selesai_pada is not None
    counts = [m.objects.count() for m in (Rekomendasi, Notifikasi, JejakAudit)]
    demo_rekomendasi.load()
    assert counts == [m.objects.count() for m in (Rekomendasi, Notifikasi, JejakAudit)]

    client.force_login(Pengguna.objects.get(email="bupati@sukamajukab.example"))
    resp = client.get(reverse("evaluasi:dasbor", args=["kabupaten-sukamaju"]))
    assert resp.status_code == 200
    url = reverse("evaluasi:dasbor_unit", args=["kabupaten-sukamaju", "disdukcapil-sukamaju"])
    assert "Percepat tanggapan pertama atas pengaduan" in client.get(url).content.decode()
