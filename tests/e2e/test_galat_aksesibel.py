"""What the browser journeys found in the forms, pinned without a browser: an error is tied to
its field (aria-invalid, aria-describedby naming the message's id), the page script that
takes the focus to it is on every page, and personal fields say what they hold (autocomplete,
WCAG 1.3.5). The journeys check the same things in Chromium; these run everywhere, fast."""

import re

import pytest

from pelayanan.forms import PendaftaranForm
from pengaduan.forms import PengaduanForm


def _tag(html: str, pola: str) -> str:
    m = re.search(pola, html)
    assert m, pola
    return m.group(0)


@pytest.mark.django_db
def test_complaint_choice_errors_are_tied_to_the_select_and_the_radio_group(client, demo):
    r = client.get("/pengaduan/ajukan/?unit=rsud-sukamaju&layanan=tidak-ada&bagian=xx")
    html = r.content.decode()
    select = _tag(html, r'<select name="layanan"[^>]*>')
    assert 'aria-invalid="true"' in select
    assert 'aria-describedby="id_layanan_error"' in select
    assert re.search(r'id="id_layanan_error"[^>]*>\s*<p[^>]*>\s*Masukkan pilihan yang valid', html)
    fieldset = _tag(html, r'<fieldset class="mb-3"[^>]*>')
    assert 'aria-describedby="bagian-bantuan bagian-galat"' in fieldset
    assert 'id="bagian-galat"' in html
    radio = _tag(html, r'<input class="form-check-input" type="radio" name="bagian"[^>]*>')
    assert 'aria-invalid="true"' in radio


@pytest.mark.django_db
def test_complaint_choice_page_without_errors_marks_nothing_invalid(client, demo):
    html = client.get("/pengaduan/ajukan/?unit=rsud-sukamaju").content.decode()
    assert "aria-invalid" not in html
    assert 'aria-describedby="bagian-bantuan"' in html


@pytest.mark.django_db
def test_every_page_loads_the_script_that_focuses_the_first_field_in_error(client):
    html = client.get("/akun/daftar/").content.decode()
    assert re.search(r'<script src="[^"]*/js/portal\.js"></script>', html)


def test_personal_fields_say_what_they_hold():
    daftar = PendaftaranForm()
    assert daftar.fields["nama_lengkap"].widget.attrs["autocomplete"] == "name"
    assert daftar.fields["email"].widget.attrs["autocomplete"] == "email"
    aduan = PengaduanForm.base_fields
    assert aduan["nama"].widget.attrs["autocomplete"] == "name"
    assert aduan["alamat"].widget.attrs["autocomplete"] == "street-address"
    assert aduan["email"].widget.attrs["autocomplete"] == "email"
    assert aduan["telepon"].widget.attrs["autocomplete"] == "tel"
