"""Serializers of the open-data API: what each public resource shows, field by field.

Nothing here reaches a user account, an e-mail of a citizen, a draft or a hidden comment:
the querysets of api.views only hold public rows, and these serializers name their fields
explicitly (never `__all__`). Labels are given in Indonesian (the API fixes the language);
the 14 components also carry their English label.

Field names are Indonesian domain terms (nama, unit, layanan, versi, komponen, ikm, unsur); the
protocol terms are DRF's (id, url, count, next, previous, results).
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from evaluasi import ikm, sampel
from evaluasi import unsur as unsur_module
from evaluasi.choices import JenisPeriode, StatusTindakLanjut
from pelayanan.models import Instansi, KanalPengaduanUnit, Layanan, Unit
from standar import isi as isi_module
from standar import komponen, konsultasi, selectors_konsultasi
from standar.models import KategoriPemangku, Keputusan, Maklumat, PesertaFKP, StandarPelayanan, VersiStandar
from standar.selectors import STATUS_PUBLIK

# --- helpers ------------------------------------------------------------------------------


def absolute(request, path: str | None) -> str | None:
    if not path:
        return None
    return request.build_absolute_uri(path) if request is not None else path


def api_url(request, name: str, pk) -> str:
    return absolute(request, reverse(f"api:{name}-detail", kwargs={"pk": pk}))


@extend_schema_field(
    {"type": "string", "format": "uri", "readOnly": True, "description": "URL API sumber daya ini."}
)
class UrlApi(serializers.Field):
    """The permanent API URL of the object (never with a ?format= of the request)."""

    def __init__(self, nama: str, **kwargs):
        self.nama = nama
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj) -> str:
        return api_url(self.context.get("request"), self.nama, obj.pk)


class _Base(serializers.Serializer):
    @property
    def _request(self):
        return self.context.get("request")


# --- references (small nested objects) ---------------------------------------------------


class RujukanSerializer(_Base):
    """A reference to another resource: its id, name and API url."""

    id = serializers.IntegerField()
    nama = serializers.CharField()
    url = serializers.CharField(help_text="URL API sumber daya ini.")


def rujukan(request, name: str, obj) -> dict:
    return {"id": obj.pk, "nama": obj.nama, "url": api_url(request, name, obj.pk)}


class RujukanVersiSerializer(_Base):
    id = serializers.IntegerField()
    nomor = serializers.IntegerField()
    url = serializers.CharField()
    url_halaman = serializers.CharField(help_text="Tautan permanen halaman publik versi ini.")


def rujukan_versi(request, versi: VersiStandar | None, layanan: Layanan) -> dict | None:
    if versi is None or versi.status not in STATUS_PUBLIK:
        return None
    return {
        "id": versi.pk,
        "nomor": versi.nomor,
        "url": api_url(request, "versi", versi.pk),
        "url_halaman": absolute(request, url_halaman_versi(layanan, versi.nomor)),
    }


def url_halaman_versi(layanan: Layanan, nomor: int) -> str:
    return reverse(
        "standar:versi_detail", kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug, "nomor": nomor}
    )


def url_halaman_layanan(layanan: Layanan) -> str:
    return reverse("standar:layanan_detail", kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug})


# --- the 14 components -------------------------------------------------------------------


class KolomIsiSerializer(_Base):
    nama = serializers.CharField(help_text="Nama kunci dalam JSON isi.")
    label = serializers.CharField()
    jenis = serializers.ChoiceField(choices=["text", "longtext", "int", "choice", "bool"])
    wajib = serializers.BooleanField()
    pilihan = serializers.DictField(
        child=serializers.CharField(), allow_null=True, help_text="Nilai yang sah dan labelnya."
    )


def _kolom(fields) -> list[dict]:
    return [
        {
            "nama": f.name,
            "label": str(f.label),
            "jenis": f.kind,
            "wajib": f.required,
            "pilihan": {str(k): str(v) for k, v in f.choices.items()} if f.choices else None,
        }
        for f in fields
    ]


def bentuk_isi(jenis: isi_module.JenisIsi) -> dict:
    """How a kind's JSON content is shaped: its top-level keys and the fields of its items."""
    empty = jenis.empty()
    if isinstance(jenis, isi_module.Biaya):
        butir = _kolom(jenis.item_fields)
    elif isinstance(jenis, isi_module.JumlahPelaksana):
        butir = _kolom(jenis.rincian_fields)
    elif isinstance(jenis, isi_module.Daftar):
        butir = _kolom(jenis.fields)
    else:
        butir = []
    return {"kunci": sorted(empty), "kosong": empty, "kolom_butir": butir}


class BentukIsiSerializer(_Base):
    kunci = serializers.ListField(child=serializers.CharField(), help_text="Kunci tingkat atas isi JSON.")
    kosong = serializers.JSONField(help_text="Isi kosong jenis ini.")
    kolom_butir = KolomIsiSerializer(many=True, help_text="Kolom setiap butir (untuk jenis berdaftar).")


class DefinisiKomponenSerializer(_Base):
    """One entry of the registry of the 14 components (UU 25/2009 Pasal 21)."""

    kunci = serializers.CharField(help_text="Kunci tetap komponen.")
    huruf = serializers.CharField(help_text="Huruf dalam UU 25/2009 Pasal 21 (a–n).")
    label = serializers.CharField()
    label_en = serializers.CharField()
    kelompok = serializers.ChoiceField(
        choices=[komponen.Kelompok.SERVICE_DELIVERY, komponen.Kelompok.MANUFACTURING]
    )
    urutan = serializers.IntegerField(help_text="Urutan dalam format PermenPANRB 15/2014 (1–14).")
    jenis = serializers.CharField(help_text="Jenis isi (bentuk JSON), lihat `bentuk_isi`.")
    unsur_skm = serializers.CharField(allow_null=True, help_text="Unsur SKM yang mengukurnya.")
    bantuan = serializers.CharField()
    bentuk_isi = BentukIsiSerializer()


def definisi_komponen(k: komponen.Komponen) -> dict:
    return {
        "kunci": k.kunci,
        "huruf": k.huruf,
        "label": k.label_id,
        "label_en": k.label_en,
        "kelompok": k.kelompok,
        "urutan": k.urutan,
        "jenis": k.jenis.kode,
        "unsur_skm": k.unsur_skm,
        "bantuan": k.bantuan,
        "bentuk_isi": bentuk_isi(k.jenis),
    }


class KomponenIsiSerializer(_Base):
    """One of the 14 components of a version, in typed form."""

    kunci = serializers.CharField()
    huruf = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField()
    kelompok = serializers.CharField()
    urutan = serializers.IntegerField()
    jenis = serializers.CharField()
    lengkap = serializers.BooleanField()
    isi = serializers.JSONField(
        help_text="Isi bertipe (JSON) sesuai `jenis`; butir daftar membawa `id` tetap (8 heksadesimal)."
    )
    teks = serializers.ListField(child=serializers.CharField(), help_text="Isi sebagai baris teks biasa.")


def komponen_versi(versi: VersiStandar) -> list[dict]:
    """The 14 components of a version in registry order (uses prefetched komponen_set)."""
    rows = {row.kunci: row.isi or {} for row in versi.komponen_set.all()}
    out = []
    for k in komponen.KOMPONEN:
        isi = rows.get(k.kunci) or k.jenis.empty()
        out.append(
            {
                "kunci": k.kunci,
                "huruf": k.huruf,
                "label": k.label_id,
                "label_en": k.label_en,
                "kelompok": k.kelompok,
                "urutan": k.urutan,
                "jenis": k.jenis.kode,
                "lengkap": k.jenis.is_complete(isi),
                "isi": isi,
                "teks": [str(line) for line in k.jenis.lines(isi)],
            }
        )
    return out


# --- instansi and units -------------------------------------------------------------------


class InstansiSerializer(serializers.ModelSerializer):
    url = UrlApi("instansi")
    url_halaman = serializers.SerializerMethodField(help_text="Halaman publik instansi.")
    jenis_label = serializers.SerializerMethodField()
    jumlah_unit = serializers.IntegerField(read_only=True, help_text="Jumlah unit aktif.")
    unit_url = serializers.SerializerMethodField(help_text="Daftar unit instansi ini di API.")

    class Meta:
        model = Instansi
        fields = [
            "id",
            "url",
            "url_halaman",
            "nama",
            "slug",
            "jenis",
            "jenis_label",
            "alamat",
            "situs_web",
            "jumlah_unit",
            "unit_url",
        ]

    def get_url_halaman(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())

    def get_jenis_label(self, obj) -> str:
        return str(obj.get_jenis_display())

    def get_unit_url(self, obj) -> str:
        return absolute(self.context.get("request"), reverse("api:unit-list") + f"?instansi={obj.pk}")


class KanalPengaduanSerializer(serializers.ModelSerializer):
    jenis_label = serializers.SerializerMethodField()

    class Meta:
        model = KanalPengaduanUnit
        fields = ["jenis", "jenis_label", "nilai"]

    def get_jenis_label(self, obj) -> str:
        return str(obj.get_jenis_display())


class UnitSerializer(serializers.ModelSerializer):
    """A unit penyelenggara with its profile (UU 25/2009 Pasal 23(4)a and 36(4))."""

    url = UrlApi("unit")
    url_halaman = serializers.SerializerMethodField(help_text="Halaman profil publik unit.")
    instansi = serializers.SerializerMethodField()
    kanal_pengaduan = KanalPengaduanSerializer(many=True, read_only=True)
    jumlah_layanan = serializers.IntegerField(read_only=True, help_text="Jumlah layanan aktif.")
    layanan_url = serializers.SerializerMethodField(help_text="Daftar layanan unit ini di API.")
    maklumat_url = serializers.SerializerMethodField(help_text="Maklumat pelayanan unit ini di API.")

    class Meta:
        model = Unit
        fields = [
            "id",
            "url",
            "url_halaman",
            "instansi",
            "nama",
            "singkatan",
            "slug",
            "uraian",
            "penanggung_jawab_nama",
            "penanggung_jawab_jabatan",
            "pengelola_pengaduan_nama",
            "alamat",
            "telepon",
            "email",
            "situs_web",
            "alamat_pengaduan",
            "jam_layanan",
            "kanal_pengaduan",
            "jumlah_layanan",
            "layanan_url",
            "maklumat_url",
        ]
        extra_kwargs = {"email": {"help_text": "Alamat pos-el resmi unit (Pasal 23(4) Penjelasan)."}}

    def get_url_halaman(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())

    @extend_schema_field(RujukanSerializer)
    def get_instansi(self, obj) -> dict:
        return rujukan(self.context.get("request"), "instansi", obj.instansi)

    def get_layanan_url(self, obj) -> str:
        return absolute(self.context.get("request"), reverse("api:layanan-list") + f"?unit={obj.pk}")

    def get_maklumat_url(self, obj) -> str:
        return absolute(self.context.get("request"), reverse("api:maklumat-list") + f"?unit={obj.pk}")


# --- services -----------------------------------------------------------------------------

STATUS_STANDAR = {"terbit": "Terbit", "dicabut": "Dicabut", "belum_terbit": "Belum terbit"}


class LayananSerializer(serializers.ModelSerializer):
    url = UrlApi("layanan")
    url_halaman = serializers.SerializerMethodField(help_text="Halaman publik layanan dan standarnya.")
    unit = serializers.SerializerMethodField()
    instansi = serializers.SerializerMethodField()
    status_standar = serializers.SerializerMethodField(
        help_text="terbit: ada standar yang berlaku; dicabut: pernah terbit, kini tidak ada yang berlaku; "
        "belum_terbit: belum pernah terbit."
    )
    standar_url = serializers.SerializerMethodField(
        help_text="Standar layanan ini di API (bila pernah terbit)."
    )
    versi_berlaku = serializers.SerializerMethodField()

    class Meta:
        model = Layanan
        fields = [
            "id",
            "url",
            "url_halaman",
            "nama",
            "slug",
            "uraian",
            "unit",
            "instansi",
            "status_standar",
            "standar_url",
            "versi_berlaku",
        ]

    def get_url_halaman(self, obj) -> str:
        return absolute(self.context.get("request"), url_halaman_layanan(obj))

    @extend_schema_field(RujukanSerializer)
    def get_unit(self, obj) -> dict:
        return rujukan(self.context.get("request"), "unit", obj.unit)

    @extend_schema_field(RujukanSerializer)
    def get_instansi(self, obj) -> dict:
        return rujukan(self.context.get("request"), "instansi", obj.unit.instansi)

    @extend_schema_field(serializers.ChoiceField(choices=list(STATUS_STANDAR)))
    def get_status_standar(self, obj) -> str:
        if obj.terbit_nomor:
            return "terbit"
        return "dicabut" if obj.ada_versi_publik else "belum_terbit"

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_standar_url(self, obj) -> str | None:
        if not obj.ada_versi_publik or obj.standar_publik_id is None:
            return None
        return api_url(self.context.get("request"), "standar", obj.standar_publik_id)

    @extend_schema_field(RujukanVersiSerializer(allow_null=True))
    def get_versi_berlaku(self, obj) -> dict | None:
        if not obj.terbit_nomor:
            return None
        request = self.context.get("request")
        return {
            "id": obj.terbit_id,
            "nomor": obj.terbit_nomor,
            "url": api_url(request, "versi", obj.terbit_id),
            "url_halaman": absolute(request, url_halaman_versi(obj, obj.terbit_nomor)),
        }


# --- versions and standards ---------------------------------------------------------------


class VersiRingkasSerializer(serializers.ModelSerializer):
    """A published version without its content."""

    url = UrlApi("versi")
    url_halaman = serializers.SerializerMethodField(help_text="Tautan permanen halaman publik versi ini.")
    status_label = serializers.SerializerMethodField()
    digantikan_oleh = serializers.SerializerMethodField(help_text="Versi yang menggantikannya.")
    revisi_dari = serializers.SerializerMethodField(help_text="Versi terbit yang direvisinya.")

    class Meta:
        model = VersiStandar
        fields = [
            "id",
            "url",
            "url_halaman",
            "nomor",
            "status",
            "status_label",
            "sk_nomor",
            "sk_tanggal",
            "berlaku_mulai",
            "diterbitkan_pada",
            "digantikan_oleh",
            "digantikan_pada",
            "dicabut_pada",
            "alasan_pencabutan",
            "revisi_dari",
        ]

    def _layanan(self, obj) -> Layanan:
        return obj.standar.layanan

    def get_url_halaman(self, obj) -> str:
        return absolute(self.context.get("request"), url_halaman_versi(self._layanan(obj), obj.nomor))

    def get_status_label(self, obj) -> str:
        return str(obj.get_status_display())

    @extend_schema_field(RujukanVersiSerializer(allow_null=True))
    def get_digantikan_oleh(self, obj) -> dict | None:
        if obj.digantikan_oleh_id is None:
            return None
        return rujukan_versi(self.context.get("request"), obj.digantikan_oleh, self._layanan(obj))

    @extend_schema_field(RujukanVersiSerializer(allow_null=True))
    def get_revisi_dari(self, obj) -> dict | None:
        if obj.revisi_dari_id is None:
            return None
        return rujukan_versi(self.context.get("request"), obj.revisi_dari, self._layanan(obj))


class VersiSerializer(VersiRingkasSerializer):
    """A published version with its service and its 14 components."""

    standar_url = serializers.SerializerMethodField()
    layanan = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    instansi = serializers.SerializerMethodField()
    komponen = serializers.SerializerMethodField()

    class Meta(VersiRingkasSerializer.Meta):
        fields = [
            *VersiRingkasSerializer.Meta.fields[:3],
            "standar_url",
            "layanan",
            "unit",
            "instansi",
            *VersiRingkasSerializer.Meta.fields[3:],
            "komponen",
        ]

    def get_standar_url(self, obj) -> str:
        return api_url(self.context.get("request"), "standar", obj.standar_id)

    @extend_schema_field(RujukanSerializer)
    def get_layanan(self, obj) -> dict:
        return rujukan(self.context.get("request"), "layanan", self._layanan(obj))

    @extend_schema_field(RujukanSerializer)
    def get_unit(self, obj) -> dict:
        return rujukan(self.context.get("request"), "unit", self._layanan(obj).unit)

    @extend_schema_field(RujukanSerializer)
    def get_instansi(self, obj) -> dict:
        return rujukan(self.context.get("request"), "instansi", self._layanan(obj).unit.instansi)

    @extend_schema_field(KomponenIsiSerializer(many=True))
    def get_komponen(self, obj) -> list[dict]:
        return komponen_versi(obj)


class StandarSerializer(serializers.ModelSerializer):
    """The standard of one service: the version in force (with its 14 components) and every
    published version (terbit, digantikan, dicabut)."""

    url = UrlApi("standar")
    url_halaman = serializers.SerializerMethodField(help_text="Halaman publik standar (versi yang berlaku).")
    layanan = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    instansi = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField(
        help_text="terbit: ada versi yang berlaku; dicabut: versi terakhir dicabut."
    )
    versi_berlaku = serializers.SerializerMethodField()
    versi = serializers.SerializerMethodField(help_text="Semua versi yang pernah terbit, terbaru dahulu.")

    class Meta:
        model = StandarPelayanan
        fields = [
            "id",
            "url",
            "url_halaman",
            "layanan",
            "unit",
            "instansi",
            "status",
            "versi_berlaku",
            "versi",
        ]

    def _versi(self, obj) -> list[VersiStandar]:
        return obj.versi_publik  # prefetched, newest first

    def get_url_halaman(self, obj) -> str:
        return absolute(self.context.get("request"), url_halaman_layanan(obj.layanan))

    @extend_schema_field(RujukanSerializer)
    def get_layanan(self, obj) -> dict:
        return rujukan(self.context.get("request"), "layanan", obj.layanan)

    @extend_schema_field(RujukanSerializer)
    def get_unit(self, obj) -> dict:
        return rujukan(self.context.get("request"), "unit", obj.layanan.unit)

    @extend_schema_field(RujukanSerializer)
    def get_instansi(self, obj) -> dict:
        return rujukan(self.context.get("request"), "instansi", obj.layanan.unit.instansi)

    @extend_schema_field(serializers.ChoiceField(choices=["terbit", "dicabut"]))
    def get_status(self, obj) -> str:
        return "terbit" if any(v.status == "terbit" for v in self._versi(obj)) else "dicabut"

    @extend_schema_field(VersiSerializer(allow_null=True))
    def get_versi_berlaku(self, obj) -> dict | None:
        berlaku = next((v for v in self._versi(obj) if v.status == "terbit"), None)
        if berlaku is None:
            return None
        return VersiSerializer(berlaku, context=self.context).data

    @extend_schema_field(VersiRingkasSerializer(many=True))
    def get_versi(self, obj) -> list[dict]:
        return VersiRingkasSerializer(self._versi(obj), many=True, context=self.context).data


# --- maklumat -----------------------------------------------------------------------------


class MaklumatSerializer(serializers.ModelSerializer):
    """A published (or superseded, or revoked) maklumat pelayanan; never a draft."""

    url = UrlApi("maklumat")
    url_halaman = serializers.SerializerMethodField(
        help_text="Profil publik unit, tempat maklumat terbit tampil."
    )
    unit = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()

    class Meta:
        model = Maklumat
        fields = [
            "id",
            "url",
            "url_halaman",
            "unit",
            "nomor",
            "status",
            "status_label",
            "teks",
            "tempat",
            "tanggal",
            "penandatangan_nama",
            "penandatangan_jabatan",
            "penandatangan_nip",
            "diterbitkan_pada",
            "dicabut_pada",
        ]

    def get_url_halaman(self, obj) -> str:
        return absolute(self.context.get("request"), obj.unit.get_absolute_url() + "#maklumat")

    @extend_schema_field(RujukanSerializer)
    def get_unit(self, obj) -> dict:
        return rujukan(self.context.get("request"), "unit", obj.unit)

    def get_status_label(self, obj) -> str:
        return str(obj.get_status_display())


# --- consultation rounds ------------------------------------------------------------------
# Commenters are never named: an online comment is by "Warga", offline input by "Peserta FKP",
# each with the stakeholder category. Hidden comments (and replies under them) are left out;
# only their number is given. The draft text put to consultation is not included either:
# comments carry the component key and the item id they anchor to, which resolve against the
# version once it is published.

PENULIS_WARGA = "Warga"
PENULIS_FKP = "Peserta FKP"
_KATEGORI = list(KategoriPemangku.choices)
KATEGORI = dict(_KATEGORI)


class JawabanSerializer(_Base):
    keputusan = serializers.ChoiceField(choices=Keputusan.choices)
    keputusan_label = serializers.CharField()
    alasan = serializers.CharField()
    versi_perubahan_nomor = serializers.IntegerField(
        allow_null=True, help_text="Nomor versi yang menerapkan perubahan."
    )
    versi_perubahan = RujukanVersiSerializer(
        allow_null=True, help_text="Versi itu, bila sudah terbit (tautan permanen)."
    )


class BalasanSerializer(_Base):
    id = serializers.IntegerField()
    penulis = serializers.ChoiceField(
        choices=[PENULIS_WARGA, PENULIS_FKP], help_text="Tanpa nama: “Warga” atau “Peserta FKP”."
    )
    kategori = serializers.ChoiceField(choices=KategoriPemangku.choices, help_text="Kategori pemangku.")
    kategori_label = serializers.CharField()
    isi = serializers.CharField()
    dibuat_pada = serializers.DateTimeField()


class KomentarMatriksSerializer(BalasanSerializer):
    """One row of the disposition matrix: a visible top-level comment with its answer."""

    kunci = serializers.ChoiceField(choices=list(komponen.KUNCI), help_text="Komponen yang dikomentari.")
    komponen_label = serializers.CharField()
    item_id = serializers.CharField(
        allow_blank=True, help_text="Id butir yang dikomentari (kosong: seluruh komponen)."
    )
    luring = serializers.BooleanField(help_text="Masukan peserta pertemuan FKP, dicatat petugas.")
    jumlah_setuju = serializers.IntegerField()
    jawaban = JawabanSerializer(allow_null=True)
    balasan = BalasanSerializer(many=True)


class JumlahKunciSerializer(_Base):
    kunci = serializers.CharField()
    jumlah = serializers.IntegerField()


class JumlahKategoriSerializer(_Base):
    kategori = serializers.ChoiceField(choices=KategoriPemangku.choices)
    kategori_label = serializers.CharField()
    jumlah = serializers.IntegerField()


class PartisipasiSerializer(_Base):
    peserta_daring = serializers.IntegerField(help_text="Akun berbeda yang berkomentar (tampak).")
    peserta_luring = serializers.IntegerField(help_text="Peserta pertemuan FKP.")
    peserta = serializers.IntegerField()
    komentar = serializers.IntegerField(help_text="Komentar utama yang tampak.")
    balasan = serializers.IntegerField()
    komentar_disembunyikan = serializers.IntegerField(
        help_text="Komentar yang disembunyikan moderator (hanya jumlahnya)."
    )
    jumlah_kategori = serializers.IntegerField(help_text="Kategori pemangku yang terwakili.")
    per_komponen = JumlahKunciSerializer(many=True)
    komentar_per_kategori = JumlahKategoriSerializer(many=True)
    peserta_fkp_per_kategori = JumlahKategoriSerializer(many=True)


class PertemuanSerializer(_Base):
    tanggal = serializers.DateField()
    tempat = serializers.CharField()
    ringkasan = serializers.CharField(allow_blank=True)
    jumlah_peserta = serializers.IntegerField()
    peserta_per_kategori = JumlahKategoriSerializer(many=True)


def _kategori_rows(counts: dict) -> list[dict]:
    return [
        {"kategori": v, "kategori_label": str(label), "jumlah": counts.get(v, 0)} for v, label in _KATEGORI
    ]


def _balasan(k) -> dict:
    return {
        "id": k.pk,
        "penulis": PENULIS_FKP if k.peserta_id else PENULIS_WARGA,
        "kategori": k.kategori,
        "kategori_label": str(KATEGORI.get(k.kategori, k.kategori)),
        "isi": k.isi,
        "dibuat_pada": k.dibuat_pada,
    }


def _jawaban(request, jawaban, layanan) -> dict | None:
    if jawaban is None:
        return None
    versi = jawaban.versi_perubahan
    return {
        "keputusan": jawaban.keputusan,
        "keputusan_label": str(jawaban.get_keputusan_display()),
        "alasan": jawaban.alasan,
        "versi_perubahan_nomor": versi.nomor if versi is not None else None,
        "versi_perubahan": rujukan_versi(request, versi, layanan),
    }


class PutaranSerializer(_Base):
    """A closed comment round (its summary). Open or scheduled rounds are not in the API."""

    id = serializers.IntegerField()
    url = serializers.CharField()
    url_halaman = serializers.CharField(help_text="Halaman publik putaran.")
    url_berita_acara = serializers.CharField(help_text="Berita acara (halaman publik).")
    layanan = RujukanSerializer()
    unit = RujukanSerializer()
    instansi = RujukanSerializer()
    versi_nomor = serializers.IntegerField(help_text="Nomor versi rancangan yang dikonsultasikan.")
    versi = RujukanVersiSerializer(
        allow_null=True, help_text="Versi itu, bila kemudian terbit (rancangan tidak ditampilkan)."
    )
    penjelasan = serializers.CharField()
    kategori_diundang = serializers.ListField(child=serializers.ChoiceField(choices=KategoriPemangku.choices))
    mulai = serializers.DateTimeField()
    selesai = serializers.DateTimeField()
    ditutup_pada = serializers.DateTimeField()
    jumlah_komentar = serializers.IntegerField(help_text="Komentar utama yang tampak.")
    jumlah_balasan = serializers.IntegerField(help_text="Balasan yang tampak.")

    def to_representation(self, p):
        request = self._request
        versi = p.versi
        layanan = versi.standar.layanan
        return {
            "id": p.pk,
            "url": api_url(request, "konsultasi", p.pk),
            "url_halaman": absolute(request, reverse("standar:putaran_detail", kwargs={"pk": p.pk})),
            "url_berita_acara": absolute(request, reverse("standar:berita_acara", kwargs={"pk": p.pk})),
            "layanan": rujukan(request, "layanan", layanan),
            "unit": rujukan(request, "unit", layanan.unit),
            "instansi": rujukan(request, "instansi", layanan.unit.instansi),
            "versi_nomor": versi.nomor,
            "versi": rujukan_versi(request, versi, layanan),
            "penjelasan": p.penjelasan,
            "kategori_diundang": [k for k in p.kategori_diundang or [] if k in KATEGORI],
            "mulai": serializers.DateTimeField().to_representation(p.mulai),
            "selesai": serializers.DateTimeField().to_representation(p.selesai),
            "ditutup_pada": serializers.DateTimeField().to_representation(p.ditutup_pada),
            "jumlah_komentar": p.jumlah_komentar,
            "jumlah_balasan": p.jumlah_balasan,
        }


class PutaranDetailSerializer(PutaranSerializer):
    """A closed comment round with its participation figures, FKP meetings and its matrix
    (every visible top-level comment with its answer and visible replies)."""

    partisipasi = PartisipasiSerializer()
    pertemuan_fkp = PertemuanSerializer(many=True)
    matriks = KomentarMatriksSerializer(many=True)

    def to_representation(self, p):
        data = super().to_representation(p)
        request = self._request
        layanan = p.versi.standar.layanan
        angka = konsultasi.partisipasi(p)
        data["partisipasi"] = {
            "peserta_daring": angka["peserta_daring"],
            "peserta_luring": angka["peserta_luring"],
            "peserta": angka["peserta"],
            "komentar": angka["komentar"],
            "balasan": angka["balasan"],
            "komentar_disembunyikan": sum(n for _alasan, n in angka["tersembunyi"]),
            "jumlah_kategori": angka["jumlah_kategori"],
            "per_komponen": [{"kunci": k.kunci, "jumlah": n} for k, n in angka["per_komponen"]],
            "komentar_per_kategori": _kategori_rows(
                dict(zip(KATEGORI, [n for _l, n in angka["per_kategori"]], strict=True))
            ),
            "peserta_fkp_per_kategori": _kategori_rows(
                dict(zip(KATEGORI, [n for _l, n in angka["peserta_per_kategori"]], strict=True))
            ),
        }
        per_pertemuan: dict[int, dict] = {}
        for pertemuan_id, kategori, n in (
            PesertaFKP.objects.filter(pertemuan__putaran=p)
            .values_list("pertemuan_id", "kategori")
            .annotate(n=Count("id"))
            .order_by()
        ):
            per_pertemuan.setdefault(pertemuan_id, {})[kategori] = n
        data["pertemuan_fkp"] = [
            {
                "tanggal": serializers.DateField().to_representation(m.tanggal),
                "tempat": m.tempat,
                "ringkasan": m.ringkasan,
                "jumlah_peserta": m.jumlah_peserta,
                "peserta_per_kategori": _kategori_rows(per_pertemuan.get(m.pk, {})),
            }
            for m in selectors_konsultasi.pertemuan_ringkas(p)
        ]
        matriks = []
        for k in selectors_konsultasi.komentar_putaran(p, urut=selectors_konsultasi.URUT_KOMPONEN):
            if k.tersembunyi:
                continue
            row = _balasan(k)
            row.update(
                {
                    "kunci": k.kunci,
                    "komponen_label": komponen.get(k.kunci).label_id,
                    "item_id": k.item_id,
                    "luring": k.luring,
                    "jumlah_setuju": k.jumlah_setuju,
                    "jawaban": _jawaban(request, k.jawaban_ada, layanan),
                    "balasan": [_balasan(b) for b in k.balasan if not b.tersembunyi],
                }
            )
            row["dibuat_pada"] = serializers.DateTimeField().to_representation(row["dibuat_pada"])
            for b in row["balasan"]:
                b["dibuat_pada"] = serializers.DateTimeField().to_representation(b["dibuat_pada"])
            matriks.append(row)
        data["matriks"] = matriks
        return data


# --- SKM results (published periods) ------------------------------------------------------
# Only what the public results page shows (evaluasi.views.publik.hasil): the figures of a
# published period, computed exactly by evaluasi.ikm from its summary rows, and its follow-up
# plans. Never a response: no respondent profile, no suggestion, no answer row; nor who
# recorded a follow-up or its internal notes.

MUTU = [m.huruf for m in ikm.INTERVAL]
BOBOT = list(ikm.BOBOT)


def _kode(values, description: str) -> serializers.CharField:
    """A code field whose values are given by a pattern rather than an enum: drf-spectacular
    would name an enum after the field, and `jenis` already names other choice sets."""

    @extend_schema_field(
        {"type": "string", "pattern": "^(" + "|".join(values) + ")$", "description": description}
    )
    class Kode(serializers.CharField):
        pass

    return Kode(help_text=description)


def _desimal(nilai) -> float | None:
    """A figure rounded half up by evaluasi.ikm (a Decimal), as a JSON number."""
    return None if nilai is None else float(nilai)


class NilaiUnsurSerializer(_Base):
    kode = _kode(unsur_module.KODE, "Kode unsur: U1–U9.")
    label = serializers.CharField()
    jumlah_nilai = serializers.IntegerField(
        help_text="Jumlah seluruh nilai jawaban unsur ini (1–4 per jawaban)."
    )
    nrr = serializers.FloatField(help_text="Nilai rata-rata (1–4), dibulatkan ke 2 desimal.")
    nrr_konversi = serializers.FloatField(help_text="NRR × 25 (25–100), dibulatkan ke 2 desimal.")


def nilai_unsur(hasil: ikm.HasilIKM) -> list[dict]:
    return [
        {
            "kode": n.unsur.kode,
            "label": str(n.unsur.label),
            "jumlah_nilai": n.total,
            "nrr": _desimal(n.nrr_tampil),
            "nrr_konversi": _desimal(n.konversi),
        }
        for n in hasil.unsur
    ]


def _ikm(hasil: ikm.HasilIKM) -> dict:
    m = hasil.mutu
    return {
        "ikm": _desimal(hasil.ikm),
        "mutu": m.huruf if m else None,
        "mutu_label": str(m.kinerja) if m else None,
    }


class RujukanLayananSkmSerializer(_Base):
    id = serializers.IntegerField()
    nama = serializers.CharField()
    url = serializers.CharField(allow_null=True, help_text="URL API layanan (null bila tidak aktif lagi).")


class HasilLayananSkmSerializer(_Base):
    """The results of one service of the period."""

    layanan = RujukanLayananSkmSerializer()
    jumlah_responden = serializers.IntegerField()
    ikm = serializers.FloatField(allow_null=True, help_text="IKM layanan (25–100), 2 desimal.")
    mutu = serializers.ChoiceField(choices=MUTU, allow_null=True)
    mutu_label = serializers.CharField(allow_null=True)
    unsur = NilaiUnsurSerializer(many=True)


class TindakLanjutSerializer(_Base):
    unsur = serializers.ChoiceField(choices=list(unsur_module.KODE), help_text="Kode unsur (U1–U9).")
    unsur_label = serializers.CharField()
    tindakan = serializers.CharField()
    batas_waktu = serializers.DateField()
    status = serializers.ChoiceField(choices=StatusTindakLanjut.choices)
    status_label = serializers.CharField()
    selesai_pada = serializers.DateField(allow_null=True)


class PeriodeSkmSerializer(_Base):
    """A published SKM period of a unit, with the unit's IKM pooled over every response."""

    id = serializers.IntegerField()
    url = serializers.CharField()
    url_halaman = serializers.CharField(help_text="Halaman publik hasil survei periode ini.")
    unit = RujukanSerializer()
    instansi = RujukanSerializer()
    label = serializers.CharField(help_text="Nama periode, misalnya “Triwulan II 2026”.")
    jenis = _kode(JenisPeriode.values, "Jenis periode: triwulan, semester, atau tahun.")
    jenis_label = serializers.CharField()
    tahun = serializers.IntegerField()
    ke = serializers.IntegerField(help_text="Triwulan ke-1..4, semester ke-1..2; tahunan selalu 1.")
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    diterbitkan_pada = serializers.DateTimeField()
    populasi = serializers.IntegerField(help_text="Perkiraan jumlah penerima layanan dalam periode.")
    sampel_minimal = serializers.IntegerField(help_text="Besaran sampel menurut tabel Krejcie–Morgan.")
    jumlah_responden = serializers.IntegerField()
    sampel_cukup = serializers.BooleanField(help_text="Jumlah responden mencapai sampel minimal.")
    ikm = serializers.FloatField(
        allow_null=True,
        help_text="IKM unit (25–100, 2 desimal), dari seluruh jawaban unit (bukan rata-rata IKM layanan).",
    )
    mutu = serializers.ChoiceField(choices=MUTU, allow_null=True, help_text="Mutu pelayanan (A–D).")
    mutu_label = serializers.CharField(allow_null=True, help_text="Kinerja unit pelayanan.")
    bobot = serializers.ChoiceField(choices=BOBOT, help_text="Bobot tiap unsur dalam IKM.")

    def _hasil(self, p) -> ikm.HasilIKM:
        return ikm.hitung(ikm.Agregat.dari_baris(p))  # annotated with the summary's sums

    def to_representation(self, p):
        request = self._request
        hasil = self._hasil(p)
        kecukupan = sampel.kecukupan(p.populasi, hasil.jumlah)
        return {
            "id": p.pk,
            "url": api_url(request, "skm", p.pk),
            "url_halaman": absolute(request, p.get_absolute_url()),
            "unit": rujukan(request, "unit", p.unit),
            "instansi": rujukan(request, "instansi", p.unit.instansi),
            "label": str(p.label),
            "jenis": p.jenis,
            "jenis_label": str(p.get_jenis_display()),
            "tahun": p.tahun,
            "ke": p.ke,
            "mulai": serializers.DateField().to_representation(p.mulai),
            "selesai": serializers.DateField().to_representation(p.selesai),
            "diterbitkan_pada": serializers.DateTimeField().to_representation(p.diterbitkan_pada),
            "populasi": p.populasi,
            "sampel_minimal": kecukupan.dibutuhkan,
            "jumlah_responden": hasil.jumlah,
            "sampel_cukup": kecukupan.cukup,
            **_ikm(hasil),
            "bobot": hasil.bobot,
        }


class PeriodeSkmDetailSerializer(PeriodeSkmSerializer):
    """A published SKM period with the NRR of each unsur, each service's results and the
    follow-up plans."""

    teknik_sampling = serializers.CharField(help_text="Teknik pengambilan sampel.")
    nilai_persepsi = serializers.FloatField(
        allow_null=True, help_text="IKM unit sebagai nilai interval 1–4 (4 desimal)."
    )
    unsur = NilaiUnsurSerializer(many=True, help_text="NRR unit per unsur, U1–U9.")
    per_layanan = HasilLayananSkmSerializer(many=True, help_text="Hasil tiap layanan, urut nama.")
    tindak_lanjut = TindakLanjutSerializer(many=True, help_text="Rencana tindak lanjut, urut batas waktu.")

    def _hasil(self, p) -> ikm.HasilIKM:
        return self._periode(p).unit

    def _periode(self, p) -> ikm.HasilPeriode:
        if getattr(p, "_hasil_periode", None) is None:
            p._hasil_periode = ikm.hasil_periode(p)  # from the prefetched summary rows
        return p._hasil_periode

    def to_representation(self, p):
        data = super().to_representation(p)
        request = self._request
        hasil = self._periode(p)
        per_layanan = []
        for r in p.ringkasan_set.all():
            h = hasil.per_layanan[r.layanan_id]
            lay = r.layanan
            per_layanan.append(
                {
                    "layanan": {
                        "id": lay.pk,
                        "nama": lay.nama,
                        "url": api_url(request, "layanan", lay.pk) if lay.aktif else None,
                    },
                    "jumlah_responden": h.jumlah,
                    **_ikm(h),
                    "unsur": nilai_unsur(h),
                }
            )
        data.update(
            {
                "teknik_sampling": p.teknik_sampling,
                "nilai_persepsi": _desimal(hasil.unit.nilai_persepsi),
                "unsur": nilai_unsur(hasil.unit),
                "per_layanan": per_layanan,
                "tindak_lanjut": [
                    {
                        "unsur": t.unsur,
                        "unsur_label": str(t.definisi_unsur.label),
                        "tindakan": t.tindakan,
                        "batas_waktu": serializers.DateField().to_representation(t.batas_waktu),
                        "status": t.status,
                        "status_label": str(t.get_status_display()),
                        "selesai_pada": serializers.DateField().to_representation(t.selesai_pada),
                    }
                    for t in p.rtl_set.all()
                ],
            }
        )
        return data
