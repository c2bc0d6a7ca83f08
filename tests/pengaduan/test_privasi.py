"""The privacy matrix (pengaduan.privasi.MATRIKS): for each role and each mode, who sees the
complainant's identity and who sees the complaint's content — checked through the privacy
functions AND through the pages (staff page, identity button, public list, tracking page,
receipt). Every viewing of an identity is in the audit log, and so is every refused attempt."""

import pytest
from django.urls import reverse

from pelayanan.models import JejakAudit
from pengaduan import privasi
from pengaduan.choices import ModePrivasi
from tests.pengaduan.helpers import IDENTITAS, ajukan, sampai

pytestmark = pytest.mark.django_db

MODES = [m.value for m in ModePrivasi]
STAF_DAN_PUBLIK = [r for r in privasi.MATRIKS if not r.startswith("pengadu_")]
URAIAN = "Kasir meminta Rp 75.000 untuk karcis seharga Rp 35.000 (penanda-isi-{mode})."


@pytest.fixture
def aduan(dunia):
    """One complaint per mode on unit A, verified and being handled."""
    return {
        mode: sampai(
            ajukan(dunia.a, mode_privasi=mode, uraian=URAIAN.format(mode=mode)),
            "ditindaklanjuti",
            dunia.petugas,
        )
        for mode in MODES
    }


def test_matrix_covers_every_role_and_mode():
    assert all(set(baris) == set(MODES) for baris in privasi.MATRIKS.values())
    assert set(privasi.ATURAN_IDENTITAS) == set(MODES) == set(privasi.ISI_PUBLIK)


@pytest.mark.parametrize("peran", STAF_DAN_PUBLIK)
def test_matrix_through_the_privacy_functions(dunia, aduan, peran):
    user = dunia[peran]
    actual = {
        mode: (privasi.boleh_lihat_identitas(user, p), privasi.boleh_lihat_isi(user, p))
        for mode, p in aduan.items()
    }
    assert actual == privasi.MATRIKS[peran]


@pytest.mark.parametrize("peran", STAF_DAN_PUBLIK)
def test_matrix_through_the_pages(client, dunia, aduan, peran):
    user = dunia[peran]
    if user.is_authenticated:
        client.force_login(user)
    for mode, p in aduan.items():
        lihat_identitas, lihat_isi = privasi.MATRIKS[peran][mode]
        isi = URAIAN.format(mode=mode)
        staf = privasi.boleh_lihat_isi_staf(user, p)
        # Content: on the staff page for staff who may read every complaint, else on the public list.
        detail = client.get(reverse("pengaduan:staf_detail", args=[p.pk]))
        publik = client.get(reverse("pengaduan:daftar_publik", args=[dunia.a.slug]))
        assert detail.status_code == (200 if staf else 302 if not user.is_authenticated else 403)
        dilihat = (
            detail.status_code == 200 and isi in detail.content.decode()
        ) or isi in publik.content.decode()
        assert dilihat is lihat_isi, (peran, mode)
        # Identity: never on a page until asked for; then only for those the matrix allows.
        assert IDENTITAS["nama"] not in detail.content.decode() + publik.content.decode()
        r = client.post(reverse("pengaduan:staf_identitas", args=[p.pk]))
        if lihat_identitas:
            assert r.status_code == 200, (peran, mode)
            assert IDENTITAS["nama"] in r.content.decode(), (peran, mode)
            assert IDENTITAS["nik"] in r.content.decode()
        else:
            assert r.status_code in (302, 403), (peran, mode)
            assert IDENTITAS["nama"].encode() not in r.content


@pytest.mark.parametrize("mode", MODES)
def test_complainant_with_the_code(client, dunia, aduan, mode):
    p = aduan[mode]
    # Content: the tracking page shows it, whatever the mode; never the identity.
    r = client.get(reverse("pengaduan:lacak_detail", args=[p.kode]))
    assert URAIAN.format(mode=mode) in r.content.decode()
    assert IDENTITAS["nama"] not in r.content.decode()
    # The receipt, with the code only: the identity masked ("samaran").
    r = client.get(reverse("pengaduan:tanda_terima", args=[p.kode]))
    html = r.content.decode()
    assert IDENTITAS["nama"] not in html
    assert IDENTITAS["alamat"] not in html
    assert IDENTITAS["nik"] not in html
    assert "S*** P******" in html
    assert "************0001" in html
    assert privasi.MATRIKS["pengadu_dengan_kode"][mode] == (privasi.SAMARAN, True)


@pytest.mark.parametrize("mode", MODES)
def test_complainant_in_the_session_that_filed_it(client, dunia, aduan, mode):
    p = aduan[mode]
    session = client.session
    session["pengaduan_diajukan"] = [p.kode]
    session.save()
    html = client.get(reverse("pengaduan:tanda_terima", args=[p.kode])).content.decode()
    assert IDENTITAS["nama"] in html
    assert IDENTITAS["alamat"] in html
    assert IDENTITAS["nik"] in html
    assert privasi.MATRIKS["pengadu_sesi_pengajuan"][mode] == (True, True)


def test_public_sees_content_only_after_verification(dunia):
    p = ajukan(dunia.a, mode_privasi="publik")
    assert not privasi.terbuka_untuk_publik(p)
    p = sampai(p, "lengkap", dunia.petugas)
    assert privasi.terbuka_untuk_publik(p)
    for status in ("tidak_lengkap", "batal"):
        assert not privasi.terbuka_untuk_publik(sampai(ajukan(dunia.a), status, dunia.petugas))


def test_every_viewing_is_audited(client, dunia, aduan):
    p = aduan["anonim"]
    JejakAudit.objects.filter(aksi__startswith="pengaduan.lihat_identitas").delete()  # e-mails read it too
    STAF = {"mode": "anonim", "keperluan": "halaman_staf"}
    client.force_login(dunia["pengelola_pengaduan_instansi"])
    client.post(reverse("pengaduan:staf_identitas", args=[p.pk]))
    client.post(reverse("pengaduan:staf_identitas", args=[p.pk]))
    client.force_login(dunia["pengelola_pengaduan_unit"])
    assert client.post(reverse("pengaduan:staf_identitas", args=[p.pk])).status_code == 403
    jejak = list(
        JejakAudit.objects.filter(object_id=str(p.pk), aksi__startswith="pengaduan.lihat_identitas")
        .order_by("id")
        .values_list("aksi", "aktor__email", "data")
    )
    assert jejak == [
        ("pengaduan.lihat_identitas", "pengelola_pengaduan_instansi@uji.example", STAF),
        ("pengaduan.lihat_identitas", "pengelola_pengaduan_instansi@uji.example", STAF),
        ("pengaduan.lihat_identitas_ditolak", "pengelola_pengaduan_unit@uji.example", STAF),
    ]
    # The audit entries never carry the identity itself.
    assert IDENTITAS["nama"] not in str(jejak)


def test_identity_lookup_refused_in_the_function_too(dunia, aduan):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        privasi.identitas_lihat(user=dunia["kepala_unit"], pengaduan=aduan["anonim"])
    assert (
        privasi.identitas_lihat(user=dunia["kepala_unit"], pengaduan=aduan["rahasia"]).nama
        == IDENTITAS["nama"]
    )


def test_anonymous_staff_page_says_who_can_see_it(client, dunia, aduan):
    client.force_login(dunia["pengelola_pengaduan_unit"])
    html = client.get(reverse("pengaduan:staf_detail", args=[aduan["anonim"].pk])).content.decode()
    assert "Pengadu anonim" in html
    assert "Lihat identitas" not in html
    html = client.get(reverse("pengaduan:staf_detail", args=[aduan["publik"].pk])).content.decode()
    assert "Lihat identitas" in html


@pytest.mark.parametrize(
    ("teks", "samaran"),
    [
        ("Siti Rahmawati", "S*** R********"),
        ("Al", "A***"),
        ("siti@contoh.id", "s***@c*****.id"),
        ("", ""),
    ],
)
def test_samarkan(teks, samaran):
    assert privasi.samarkan(teks) == samaran
