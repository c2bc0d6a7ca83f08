"""The dashboard's unit tables are kept rendered under a fingerprint of what they show
(evaluasi.dasbor.DasborInstansi.sidik): a second view is served from the cache, and any change
of a figure, a name, a recommendation (or its due date passing), the period or the language
shows at once, never a stale table. (500 units took about 200 ms of template rendering per
view; docs/evaluasi-kinerja.md.)"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.urls import reverse
from django.utils import timezone, translation

from evaluasi import dasbor
from evaluasi.models import RingkasanUnit
from evaluasi.views.dasbor import _versi_templat
from tests.evaluasi.dasbor_helpers import dunia, rekomendasi_baru, ringkasan

pytestmark = pytest.mark.django_db


@pytest.fixture
def d():
    d = dunia(3)  # (the cache starts empty: tests/conftest.py)
    ringkasan(d.units[0], "88.25", ikm="81.00")
    ringkasan(d.units[1], "45.00", ikm="72.50")
    return d


def _sidik(d, *periode) -> str:
    return dasbor.dasbor_instansi(d.instansi, *periode).sidik


def test_the_fingerprint_follows_every_figure_name_and_recommendation(d):
    awal = _sidik(d)
    assert _sidik(d) == awal  # the same data: the same fingerprint

    row = RingkasanUnit.objects.get(unit=d.units[0])
    row.ikm = Decimal("81.01")
    row.save()
    setelah_ikm = _sidik(d)
    assert setelah_ikm != awal

    d.units[2].nama = "Unit 03 Baru"
    d.units[2].save()
    setelah_nama = _sidik(d)
    assert setelah_nama != setelah_ikm  # a unit without figures is in the table too

    rek = rekomendasi_baru(d.units[1], d.pembina, hari=1)
    setelah_rek = _sidik(d)
    assert setelah_rek != setelah_nama

    # The due date passing turns the recommendation "lewat": another fingerprint.
    besok = timezone.localdate() + timedelta(days=2)
    with mock.patch.object(dasbor.timezone, "localdate", return_value=besok):
        assert _sidik(d) != setelah_rek
    assert rek.batas_waktu < besok

    # Another period (no rows): another fingerprint.
    assert _sidik(d, "triwulan", 2025, 3) != setelah_rek


def test_a_second_view_is_served_from_the_cache_and_a_change_shows_at_once(client, d):
    url = reverse("evaluasi:dasbor", args=[d.instansi.slug])
    client.force_login(d.pembina)
    html = client.get(url).content.decode()
    assert "88,25" in html
    data = dasbor.dasbor_instansi(d.instansi)
    kunci = make_template_fragment_key(
        "dasbor_instansi",
        [
            data.sidik,
            d.instansi.slug,
            f"?periode={data.periode.kode}",
            translation.get_language(),
            _versi_templat(),
        ],
    )
    assert cache.get(kunci) is not None
    assert _tanpa_token(client.get(url).content.decode()) == _tanpa_token(html)

    row = RingkasanUnit.objects.get(unit=d.units[0])
    row.skor_kepatuhan = Decimal("77.75")
    row.zona = "kuning"
    row.save()
    html2 = client.get(url).content.decode()
    assert "77,75" in html2
    assert "88,25" not in html2

    assert _terbuka(html2, "Unit 02") == "0"
    rekomendasi_baru(d.units[1], d.pembina)
    rekomendasi_baru(d.units[1], d.pembina, teks="Terbitkan hasil SKM.")
    assert _terbuka(client.get(url).content.decode(), "Unit 02") == "2"


def _tanpa_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _terbuka(html: str, unit: str) -> str:
    """The open recommendations cell of `unit`'s row in the all-units table."""
    row = re.search(rf">{unit}</a></th>(.*?)</tr>", html, re.S).group(1)
    return re.findall(r'<td class="text-end">(\d+)', row)[-1]


def test_the_language_is_part_of_the_key(client, d, settings):
    url = reverse("evaluasi:dasbor", args=[d.instansi.slug])
    client.force_login(d.pembina)
    assert ">Semua unit<" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url).content.decode()
    assert ">All units<" in html
    assert ">Semua unit<" not in html
