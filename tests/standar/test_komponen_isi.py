"""The component registry and the typed content kinds: validation, completeness, diffs."""

import pytest
from django.core.exceptions import ValidationError

from standar import isi, komponen
from standar.contoh import isi_contoh


def test_registry_lists_the_14_components_of_pasal_21_once():
    assert komponen.JUMLAH == 14
    assert sorted(k.huruf for k in komponen.KOMPONEN) == list("abcdefghijklmn")
    assert [k.urutan for k in komponen.KOMPONEN] == list(range(1, 15))
    assert len(set(komponen.KUNCI)) == 14


def test_registry_puts_the_six_service_delivery_components_first_in_permenpanrb_order():
    sd = [k.huruf for k in komponen.service_delivery()]
    mf = [k.huruf for k in komponen.manufacturing()]
    assert sd == ["b", "c", "d", "e", "f", "j"]
    assert mf == ["a", "g", "h", "i", "k", "l", "m", "n"]
    assert list(komponen.KOMPONEN[:6]) == list(komponen.service_delivery())


def test_registry_maps_components_to_skm_unsur():
    unsur = {k.kunci: k.unsur_skm for k in komponen.KOMPONEN if k.unsur_skm}
    assert unsur == {
        "persyaratan": "U1",
        "prosedur": "U2",
        "jangka_waktu": "U3",
        "biaya": "U4",
        "produk": "U5",
        "kompetensi": "U6",
        "pengaduan": "U8",
        "sarana": "U9",
    }


def test_labels_follow_the_active_language():
    from django.utils import translation

    k = komponen.get("jangka_waktu")
    with translation.override("id"):
        assert k.label == "Jangka waktu penyelesaian"
    with translation.override("en"):
        assert k.label == "Completion time"


@pytest.mark.parametrize("k", komponen.KOMPONEN, ids=lambda k: k.kunci)
def test_empty_content_is_incomplete_and_the_example_complete(k):
    assert not k.jenis.is_complete(k.jenis.clean(k.jenis.empty()))
    cleaned = k.jenis.clean(isi_contoh()[k.kunci])
    assert k.jenis.is_complete(cleaned)
    assert k.jenis.lines(cleaned)


@pytest.mark.parametrize(
    ("kunci", "data", "message"),
    [
        (
            "biaya",
            {
                "gratis": False,
                "items": [{"uraian": "Retribusi", "jumlah": -5, "dasar_hukum": "Perda 1/2020"}],
            },
            "paling sedikit 1",
        ),
        (
            "biaya",
            {"gratis": True, "items": [{"uraian": "Retribusi", "jumlah": 5000, "dasar_hukum": "Perda"}]},
            "tidak keduanya",
        ),
        (
            "biaya",
            {"gratis": False, "items": [{"uraian": "Retribusi", "jumlah": "lima ribu", "dasar_hukum": "P"}]},
            "bilangan bulat",
        ),
        ("jumlah_pelaksana", {"jumlah": 0, "rincian": []}, "paling sedikit 1"),
        (
            "jumlah_pelaksana",
            {"jumlah": 5, "rincian": [{"peran": "Loket", "jumlah": 2}]},
            "harus sama dengan",
        ),
        (
            "prosedur",
            {"items": [{"pelaksana": "", "uraian": "", "durasi_jumlah": None, "durasi_satuan": ""}]},
            "wajib diisi",
        ),
        (
            "prosedur",
            {"items": [{"pelaksana": "A", "uraian": "B", "durasi_jumlah": 2, "durasi_satuan": ""}]},
            "satuan waktu",
        ),
        ("pengawasan", {"teks": "x" * 50_000}, "paling banyak 10000 karakter"),
        ("jangka_waktu", {"jumlah": 3, "satuan": "minggu"}, "tidak sah"),
        ("evaluasi_kinerja", {"teks": "Rapat", "periode_bulan": 5}, "tidak sah"),
        (
            "dasar_hukum",
            {"items": [{"jenis": "uu", "nomor": "25", "tahun": 1800, "tentang": "X"}]},
            "paling sedikit 1945",
        ),
        ("persyaratan", {"items": "bukan daftar"}, "tidak berbentuk"),
        ("persyaratan", {"items": [{}] * 101}, "Paling banyak 100"),
    ],
)
def test_bad_content_is_refused_with_an_indonesian_message(kunci, data, message):
    with pytest.raises(ValidationError) as exc:
        komponen.get(kunci).jenis.clean(data)
    assert any(message in m for m in exc.value.messages), exc.value.messages


def test_html_is_kept_as_text_and_control_characters_removed():
    cleaned = isi.TEKS.clean({"teks": "<script>alert(1)</script>\x00 ok"})
    assert cleaned["teks"] == "<script>alert(1)</script> ok"


def test_item_ids_are_kept_when_valid_and_made_when_missing_or_duplicated():
    data = isi.DAFTAR.clean(
        {"items": [{"id": "abcdef01", "uraian": "A"}, {"uraian": "B"}, {"id": "abcdef01", "uraian": "C"}]}
    )
    ids = [i["id"] for i in data["items"]]
    assert ids[0] == "abcdef01"
    assert len(set(ids)) == 3
    assert all(len(i) == 8 for i in ids)


class TestDiff:
    def test_list_items_added_removed_changed_and_reordered(self):
        old = {
            "items": [
                {"id": "00000001", "uraian": "KK"},
                {"id": "00000002", "uraian": "KTP"},
                {"id": "00000003", "uraian": "Akta"},
            ]
        }
        new = {
            "items": [
                {"id": "00000003", "uraian": "Akta"},
                {"id": "00000002", "uraian": "KTP-el"},
                {"id": "00000004", "uraian": "Foto"},
            ]
        }
        changes = {(c.jenis, c.lama, c.baru) for c in isi.DAFTAR.diff(old, new)}
        assert changes == {
            ("dihapus", "KK", ""),
            ("diubah", "KTP", "KTP-el"),
            ("ditambah", "", "Foto"),
            ("urutan", "", ""),
        }

    def test_duration_shows_old_and_new_amount_with_unit(self):
        [c] = isi.DURASI.diff({"jumlah": 14, "satuan": "hari_kerja"}, {"jumlah": 7, "satuan": "hari_kerja"})
        assert (c.jenis, c.lama, c.baru) == ("diubah", "14", "7 hari kerja")

    def test_duration_unit_change_shows_both_in_full(self):
        [c] = isi.DURASI.diff({"jumlah": 2, "satuan": "hari"}, {"jumlah": 48, "satuan": "jam"})
        assert (c.lama, c.baru) == ("2 hari", "48 jam")

    def test_fee_from_rupiah_to_free(self):
        old = {
            "gratis": False,
            "items": [
                {"id": "00000001", "uraian": "Retribusi", "jumlah": 50000, "dasar_hukum": "Perda 2/2020"}
            ],
        }
        [c] = isi.BIAYA.diff(old, {"gratis": True, "items": []})
        assert (c.lama, c.baru) == ("Rp 50.000", "Gratis")

    def test_fee_amount_change(self):
        item = {"id": "00000001", "uraian": "Retribusi", "dasar_hukum": "Perda 2/2020"}
        [c] = isi.BIAYA.diff(
            {"gratis": False, "items": [{**item, "jumlah": 50000}]},
            {"gratis": False, "items": [{**item, "jumlah": 75000}]},
        )
        assert c.jenis == "diubah"
        assert "Rp 50.000" in c.lama
        assert "Rp 75.000" in c.baru

    def test_text_and_period(self):
        [c] = isi.EVALUASI.diff({"teks": "Rapat", "periode_bulan": 6}, {"teks": "Rapat", "periode_bulan": 12})
        assert "6 bulan" in c.lama
        assert "12 bulan" in c.baru
        assert isi.TEKS.diff({"teks": "A"}, {"teks": "A"}) == []

    def test_staff_count_and_roles(self):
        old = {"jumlah": 6, "rincian": []}
        new = {"jumlah": 8, "rincian": [{"id": "00000001", "peran": "Loket", "jumlah": 8}]}
        changes = isi.JUMLAH_PELAKSANA.diff(old, new)
        assert ("diubah", "6", "8 orang") in {(c.jenis, c.lama, c.baru) for c in changes}
        assert ("ditambah", "", "Loket: 8") in {(c.jenis, c.lama, c.baru) for c in changes}

    def test_channels_and_their_procedure_note(self):
        old = {"items": [{"id": "00000001", "jenis": "telepon", "nilai": "0271 1"}], "catatan": "A"}
        new = {"items": [{"id": "00000001", "jenis": "telepon", "nilai": "0271 2"}], "catatan": "B"}
        changes = {(c.jenis, c.lama, c.baru) for c in isi.KANAL.diff(old, new)}
        assert changes == {("diubah", "Telepon: 0271 1", "Telepon: 0271 2"), ("diubah", "A", "B")}

    def test_facilities_flag_for_vulnerable_groups(self):
        old = {"items": [{"id": "00000001", "uraian": "Kursi roda", "kelompok_rentan": False}]}
        new = {"items": [{"id": "00000001", "uraian": "Kursi roda", "kelompok_rentan": True}]}
        [c] = isi.SARANA.diff(old, new)
        assert c.baru == "Kursi roda (untuk kelompok rentan)"

    def test_regulations(self):
        item = {"id": "00000001", "jenis": "perda", "nomor": "3", "tahun": 2020, "tentang": "Retribusi"}
        [c] = isi.REGULASI.diff({"items": []}, {"items": [item]})
        assert c.baru == "Peraturan Daerah Nomor 3 Tahun 2020 tentang Retribusi"
