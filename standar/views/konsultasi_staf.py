"""Staff pages of public consultation (UU 25/2009 Pasal 20(2); PP 96/2012 Pasal 26–27):
opening a comment round on a draft, managing it (participation, FKP meetings, extension,
the disposition matrix with an answer to every comment, what still blocks the decree),
recording FKP meetings and their participants' input, and moderation of reported comments.

Each view parses the request, asks pelayanan.policy, calls one service of
standar.konsultasi and renders; the rules live in the services.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pelayanan import policy
from pelayanan.choices import Peran
from pelayanan.models import Instansi
from pelayanan.views.mixins import PolicyRequiredMixin
from standar import komponen, konsultasi, workflow
from standar.choices import StatusVersi
from standar.forms_konsultasi_staf import (
    JawabForm,
    MasukanForm,
    PerpanjangForm,
    PertemuanForm,
    PesertaFormSet,
    PutaranBukaForm,
    SembunyikanForm,
    format_waktu,
    peserta_terisi,
    tambah_galat,
)
from standar.models import (
    DukunganKomentar,
    KategoriPemangku,
    Komentar,
    LaporanKomentar,
    PertemuanFKP,
    PutaranKonsultasi,
    VersiStandar,
)

# A version in these statuses still takes answers to its comments (standar.konsultasi).
STATUS_MENJAWAB = (StatusVersi.DRAF, StatusVersi.KONSULTASI, StatusVersi.PERBAIKAN)
# Rows on the moderation page.
MODERASI_BATAS = 100
TERSEMBUNYI_BATAS = 30

_VERSI_RELATED = "versi__standar__layanan__unit__instansi"


# --- helpers --------------------------------------------------------------------------------


def _putaran_qs():
    return PutaranKonsultasi.objects.select_related(_VERSI_RELATED, "dibuka_oleh")


def _kelola_url(putaran_pk: int, anchor: str = "") -> str:
    url = reverse("standar:putaran_kelola", kwargs={"pk": putaran_pk})
    return f"{url}#{anchor}" if anchor else url


def _pesan_galat(request, form) -> None:
    """Each error of an invalid form as a message ("Label: message")."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for e in errors:
            messages.error(request, f"{label}: {e}" if label else e)


def _teks_butir(versi: VersiStandar) -> dict[tuple[str, str], str]:
    """{(component key, item id): item text} of a version (one query, or none if prefetched)."""
    out = {}
    for row in versi.komponen_set.all():
        try:
            k = komponen.get(row.kunci)
        except KeyError:
            continue
        for item in k.jenis.items(row.isi or k.jenis.empty()):
            if item.get("id"):
                out[(row.kunci, item["id"])] = k.jenis.item_text(item)
    return out


def _isi_per_kunci(versi: VersiStandar) -> dict[str, dict]:
    return {row.kunci: row.isi or {} for row in versi.komponen_set.all()}


def _jumlah(qs) -> Coalesce:
    """Count of the rows of `qs` (filtered on OuterRef) as a subquery annotation."""
    return Coalesce(
        Subquery(qs.order_by().values("komentar").annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def _versi_pilihan(versi: VersiStandar) -> list[tuple[int, str]]:
    """Versions an answer may point to: the same standard, this version or a later one."""
    return [
        (v.pk, _("Versi %(n)s (%(status)s)") % {"n": v.nomor, "status": v.get_status_display()})
        for v in VersiStandar.objects.filter(standar_id=versi.standar_id, nomor__gte=versi.nomor).order_by(
            "nomor"
        )
    ]


def _ganti_kunci(exc: ValidationError, peta: dict[str, str]) -> ValidationError:
    """The same error with its field names mapped to the form's (kunci/item_id -> bagian)."""
    if not hasattr(exc, "error_dict"):
        return exc
    out: dict[str, list] = {}
    for field, errors in exc.error_dict.items():
        out.setdefault(peta.get(field, field), []).extend(errors)
    return ValidationError(out)


# --- opening a round ----------------------------------------------------------------------


class PutaranBukaView(PolicyRequiredMixin, View):
    """Open a comment round on a complete draft (the version goes to "konsultasi")."""

    policy_action = "standar.susun"
    template_name = "standar/konsultasi/staf/putaran_buka.html"

    def get_policy_object(self):
        self.versi = get_object_or_404(
            VersiStandar.objects.select_related("standar__layanan__unit__instansi").prefetch_related(
                "komponen_set"
            ),
            pk=self.kwargs["pk"],
        )
        return self.versi

    @property
    def instansi_id(self):
        return self.versi.standar.layanan.unit.instansi_id

    def get(self, request, pk):
        aktif = self.versi.putaran_set.filter(ditutup_pada__isnull=True).first()
        if aktif is not None:
            messages.info(request, _("Versi ini sudah memiliki putaran konsultasi yang belum ditutup."))
            return redirect(_kelola_url(aktif.pk))
        mulai = timezone.now()
        form = PutaranBukaForm(
            initial=PutaranBukaForm.initial_for(mulai, konsultasi.default_end(mulai, self.instansi_id))
        )
        return self._render(form)

    def post(self, request, pk):
        form = PutaranBukaForm(request.POST)
        if form.is_valid():
            try:
                putaran = konsultasi.putaran_open(versi=self.versi, oleh=request.user, **form.nilai_layanan())
            except ValidationError as exc:
                for m in tambah_galat(form, exc):
                    messages.error(request, m)
            else:
                messages.success(
                    request,
                    _("Putaran konsultasi dibuka sampai %(t)s. Versi %(n)s kini berstatus Konsultasi publik.")
                    % {
                        "t": timezone.localtime(putaran.selesai).strftime("%d-%m-%Y %H.%M"),
                        "n": self.versi.nomor,
                    },
                )
                return redirect(_kelola_url(putaran.pk))
        return self._render(form, status=400)

    def _render(self, form, status=200):
        versi = self.versi
        dapat = versi.status in workflow.TRANSISI["ajukan_konsultasi"].dari
        return render(
            self.request,
            self.template_name,
            {
                "versi": versi,
                "layanan": versi.standar.layanan,
                "unit": versi.standar.layanan.unit,
                "form": form,
                "dapat_dibuka": dapat,
                "kurang": workflow.missing(versi, "ajukan_konsultasi") if dapat else [],
                "hari_tanggapan": konsultasi.HARI_TANGGAPAN,
            },
            status=status,
        )


# --- managing a round -----------------------------------------------------------------------


@dataclass
class BarisMatriks:
    """One top-level comment in the disposition matrix."""

    komentar: Komentar
    teks_butir: str | None  # "" (whole component), the item's text, or None (item removed)
    form: JawabForm | None
    jawaban: object | None

    @property
    def belum_dijawab(self) -> bool:
        return self.jawaban is None and not self.komentar.tersembunyi


class _PutaranMixin(PolicyRequiredMixin):
    def get_policy_object(self):
        self.putaran = get_object_or_404(_putaran_qs(), pk=self.kwargs["pk"])
        return self.putaran


class PutaranKelolaView(_PutaranMixin, View):
    """The round for staff: status, dates, extensions, participation, FKP meetings and the
    disposition matrix. Read-only for those who may see the draft but not write it."""

    policy_action = "standar.lihat_draf"
    template_name = "standar/konsultasi/staf/putaran_kelola.html"

    def get(self, request, pk):
        putaran = self.putaran
        versi = putaran.versi
        user = request.user
        now = timezone.now()
        boleh_susun = policy.may(user, "standar.susun", putaran)
        boleh_jawab = boleh_susun and versi.status in STATUS_MENJAWAB
        berjalan = not putaran.ditutup and now < putaran.selesai

        versi_pilihan = _versi_pilihan(versi) if boleh_jawab else []
        teks = _teks_butir(versi)
        komentar_list = (
            Komentar.objects.filter(putaran=putaran, induk__isnull=True)
            .select_related(
                "penulis",
                "peserta__pertemuan",
                "dicatat_oleh",
                "disembunyikan_oleh",
                "jawaban__versi_perubahan",
                "jawaban__dijawab_oleh",
            )
            .annotate(
                jumlah_dukungan=_jumlah(DukunganKomentar.objects.filter(komentar=OuterRef("pk"))),
            )
            .prefetch_related(
                Prefetch(
                    "balasan_set",
                    queryset=Komentar.objects.select_related("penulis", "disembunyikan_oleh").order_by(
                        "dibuat_pada", "id"
                    ),
                    to_attr="balasan",
                )
            )
            .order_by("dibuat_pada", "id")
        )
        per_kunci: dict[str, list[BarisMatriks]] = {}
        belum = 0
        for k in komentar_list:
            jawaban = getattr(k, "jawaban", None)
            form = None
            if boleh_jawab and not k.tersembunyi:
                initial = {}
                if jawaban is not None:
                    initial = {
                        "keputusan": jawaban.keputusan,
                        "alasan": jawaban.alasan,
                        "versi_perubahan": jawaban.versi_perubahan_id,
                    }
                form = JawabForm(initial=initial, versi_pilihan=versi_pilihan, auto_id=f"id_k{k.pk}_%s")
            teks_butir = teks.get((k.kunci, k.item_id)) if k.item_id else ""
            baris = BarisMatriks(k, teks_butir, form, jawaban)
            belum += baris.belum_dijawab
            per_kunci.setdefault(k.kunci, []).append(baris)
        matriks = [(kd, per_kunci[kd.kunci]) for kd in komponen.KOMPONEN if kd.kunci in per_kunci]

        pertemuan_list = list(
            putaran.pertemuan_set.select_related("dicatat_oleh")
            .annotate(
                jumlah_peserta=Count("peserta_set", distinct=True),
                jumlah_masukan=Count("peserta_set__komentar_set", distinct=True),
            )
            .order_by("-tanggal", "-pk")
        )
        perpanjang_form = None
        if boleh_susun and berjalan:
            perpanjang_form = PerpanjangForm(initial={"selesai_baru": format_waktu(putaran.selesai)})
        gate = konsultasi.gate_penetapan(versi) if versi.status in STATUS_MENJAWAB else []
        angka = konsultasi.partisipasi(putaran)
        per_kategori = [
            (label, n, p)
            for (label, n), (_label, p) in zip(
                angka["per_kategori"], angka["peserta_per_kategori"], strict=True
            )
        ]
        return render(
            request,
            self.template_name,
            {
                "putaran": putaran,
                "versi": versi,
                "layanan": versi.standar.layanan,
                "unit": versi.standar.layanan.unit,
                "berjalan": berjalan,
                "terbuka": putaran.terbuka(now),
                "kategori_diundang": [
                    label for value, label in KategoriPemangku.choices if value in putaran.kategori_diundang
                ],
                "perpanjangan_list": list(putaran.perpanjangan_set.select_related("oleh")),
                "partisipasi": angka,
                "per_kategori": per_kategori,
                "pertemuan_list": pertemuan_list,
                "matriks": matriks,
                "jumlah_komentar": sum(len(rows) for _k, rows in matriks),
                "belum_dijawab": belum,
                "gate": gate,
                "boleh_susun": boleh_susun,
                "boleh_jawab": boleh_jawab,
                "boleh_fkp": boleh_susun and not putaran.ditutup,
                "perpanjang_form": perpanjang_form,
            },
        )


class PutaranPerpanjangView(_PutaranMixin, View):
    """POST: extend a round before it ends, with a reason."""

    policy_action = "standar.susun"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = PerpanjangForm(request.POST)
        if not form.is_valid():
            _pesan_galat(request, form)
            return redirect(_kelola_url(pk, "perpanjang"))
        try:
            putaran = konsultasi.putaran_extend(
                putaran=self.putaran,
                selesai_baru=form.cleaned_data["selesai_baru"],
                alasan=form.cleaned_data["alasan"],
                oleh=request.user,
            )
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
            return redirect(_kelola_url(pk, "perpanjang"))
        messages.success(
            request,
            _("Putaran diperpanjang sampai %(t)s.")
            % {"t": timezone.localtime(putaran.selesai).strftime("%d-%m-%Y %H.%M")},
        )
        return redirect(_kelola_url(pk))


# --- FKP meetings ---------------------------------------------------------------------------


class FkpBaruView(_PutaranMixin, View):
    """Record a Forum Konsultasi Publik meeting with its participants and attendance list."""

    policy_action = "standar.susun"
    template_name = "standar/konsultasi/staf/fkp_baru.html"

    def get(self, request, pk):
        if self.putaran.ditutup:
            messages.warning(request, _("Putaran sudah ditutup; pertemuan FKP tidak dapat dicatat lagi."))
            return redirect(_kelola_url(pk))
        form = PertemuanForm(initial={"tanggal": timezone.localdate()})
        return self._render(form, PesertaFormSet(prefix="peserta"))

    def post(self, request, pk):
        if "tambah_baris" in request.POST:
            # More blank rows, keeping what was typed (not validated yet).
            data = request.POST
            form = PertemuanForm(initial={f: data.get(f, "") for f in ("tanggal", "tempat", "ringkasan")})
            formset = PesertaFormSet(prefix="peserta", initial=peserta_terisi(data))
            if request.FILES.get("daftar_hadir"):
                messages.info(request, _("Pilih lagi berkas daftar hadir sebelum menyimpan."))
            return self._render(form, formset)
        form = PertemuanForm(request.POST, request.FILES)
        formset = PesertaFormSet(request.POST, prefix="peserta")
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                pertemuan = konsultasi.pertemuan_record(
                    putaran=self.putaran,
                    tanggal=data["tanggal"],
                    tempat=data["tempat"],
                    ringkasan=data["ringkasan"],
                    peserta=formset.peserta(),
                    oleh=request.user,
                    daftar_hadir=data.get("daftar_hadir") or None,
                )
            except ValidationError as exc:
                for m in tambah_galat(form, exc):
                    messages.error(request, m)
            else:
                messages.success(
                    request,
                    _(
                        "Pertemuan FKP %(tgl)s dicatat dengan %(n)s peserta. "
                        "Masukan peserta dapat dicatat di sini."
                    )
                    % {"tgl": pertemuan.tanggal.strftime("%d-%m-%Y"), "n": len(formset.peserta())},
                )
                return redirect("standar:fkp_detail", pk=pertemuan.pk)
        messages.error(request, _("Pertemuan belum dicatat: periksa isian yang ditandai."))
        return self._render(form, formset, status=400)

    def _render(self, form, formset, status=200):
        versi = self.putaran.versi
        return render(
            self.request,
            self.template_name,
            {
                "putaran": self.putaran,
                "versi": versi,
                "layanan": versi.standar.layanan,
                "unit": versi.standar.layanan.unit,
                "form": form,
                "formset": formset,
            },
            status=status,
        )


class FkpDetailView(PolicyRequiredMixin, View):
    """A meeting with its participants and the input entered for them; the admin enters
    more input here (marked offline)."""

    policy_action = "standar.lihat_draf"
    template_name = "standar/konsultasi/staf/fkp_detail.html"

    def get_policy_object(self):
        self.pertemuan = get_object_or_404(
            PertemuanFKP.objects.select_related(f"putaran__{_VERSI_RELATED}", "dicatat_oleh"),
            pk=self.kwargs["pk"],
        )
        self.putaran = self.pertemuan.putaran
        return self.pertemuan

    def get(self, request, pk):
        return self._render(self._form())

    def post(self, request, pk):
        policy.require(request.user, "standar.susun", self.pertemuan)
        form = self._form(request.POST)
        if form.is_valid():
            peserta = next(p for p in self.peserta_list if p.pk == form.cleaned_data["peserta"])
            kunci, item_id = form.anchor()
            try:
                konsultasi.komentar_offline_create(
                    pertemuan=self.pertemuan,
                    peserta=peserta,
                    kunci=kunci,
                    item_id=item_id,
                    isi=form.cleaned_data["isi"],
                    oleh=request.user,
                )
            except ValidationError as exc:
                exc = _ganti_kunci(exc, {"kunci": "bagian", "item_id": "bagian"})
                for m in tambah_galat(form, exc):
                    messages.error(request, m)
            else:
                messages.success(
                    request, _("Masukan %(nama)s dicatat sebagai masukan luring.") % {"nama": peserta.nama}
                )
                return redirect(reverse("standar:fkp_detail", kwargs={"pk": pk}) + "#masukan")
        return self._render(form, status=400)

    def _form(self, data=None) -> MasukanForm:
        self.peserta_list = list(
            self.pertemuan.peserta_set.annotate(jumlah_masukan=Count("komentar_set")).order_by(
                "kategori", "nama", "pk"
            )
        )
        self.isi = _isi_per_kunci(self.putaran.versi)
        return MasukanForm(data, peserta_list=self.peserta_list, rows=self.isi)

    def _render(self, form, status=200):
        pertemuan, putaran = self.pertemuan, self.putaran
        versi = putaran.versi
        boleh_catat = policy.may(self.request.user, "standar.susun", pertemuan) and not putaran.ditutup
        teks = {}
        for kunci, isi in self.isi.items():
            k = komponen.get(kunci)
            for item in k.jenis.items(isi or k.jenis.empty()):
                if item.get("id"):
                    teks[(kunci, item["id"])] = k.jenis.item_text(item)
        masukan = list(
            Komentar.objects.filter(peserta__pertemuan=pertemuan)
            .select_related("peserta", "dicatat_oleh", "jawaban")
            .order_by("dibuat_pada", "id")
        )
        for k in masukan:
            k.teks_butir = teks.get((k.kunci, k.item_id)) if k.item_id else ""
        return render(
            self.request,
            self.template_name,
            {
                "pertemuan": pertemuan,
                "putaran": putaran,
                "versi": versi,
                "layanan": versi.standar.layanan,
                "unit": versi.standar.layanan.unit,
                "peserta_list": self.peserta_list,
                "kategori_terwakili": len({p.kategori for p in self.peserta_list}),
                "masukan_list": masukan,
                "nama_berkas": os.path.basename(pertemuan.daftar_hadir.name)
                if pertemuan.daftar_hadir
                else "",
                "form": form if boleh_catat else None,
            },
            status=status,
        )


# --- answering a comment --------------------------------------------------------------------


class KomentarJawabView(PolicyRequiredMixin, View):
    """POST: the unit's answer to a comment (one row of the disposition matrix)."""

    policy_action = "standar.susun"
    http_method_names = ["post"]

    def get_policy_object(self):
        self.komentar = get_object_or_404(
            Komentar.objects.select_related(f"putaran__{_VERSI_RELATED}"), pk=self.kwargs["pk"]
        )
        return self.komentar

    def post(self, request, pk):
        komentar = self.komentar
        url = _kelola_url(komentar.putaran_id, f"komentar-{komentar.pk}")
        versi = komentar.putaran.versi
        pilihan = {v.pk: v for v in VersiStandar.objects.filter(standar_id=versi.standar_id)}
        form = JawabForm(request.POST, versi_pilihan=[(pk_, str(v.nomor)) for pk_, v in pilihan.items()])
        if not form.is_valid():
            _pesan_galat(request, form)
            return redirect(url)
        data = form.cleaned_data
        try:
            konsultasi.komentar_answer(
                komentar=komentar,
                keputusan=data["keputusan"],
                alasan=data["alasan"],
                oleh=request.user,
                versi_perubahan=pilihan.get(data["versi_perubahan"]) if data["versi_perubahan"] else None,
            )
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
            return redirect(url)
        messages.success(request, _("Jawaban atas komentar #%(id)s disimpan.") % {"id": komentar.pk})
        return redirect(url)


# --- moderation -----------------------------------------------------------------------------


def _lingkup_moderasi(user) -> tuple[Q | None, set[int]]:
    """(filter on comments, instansi ids) of the user's moderator grants; the filter is None
    for a platform-wide moderator (or a superuser): everything."""
    grants = [g for g in policy.grants_of(user) if g.peran == Peran.MODERATOR]
    if user.is_superuser or any(g.unit_id is None and g.instansi_id is None for g in grants):
        return None, set()
    instansi = {g.instansi_id for g in grants if g.instansi_id}
    units = {g.unit_id for g in grants if g.unit_id}
    prefix = "putaran__versi__standar__layanan__unit"
    return Q(**{f"{prefix}__instansi_id__in": instansi}) | Q(**{f"{prefix}_id__in": units}), instansi


class ModerasiView(PolicyRequiredMixin, View):
    """Reported comments not yet hidden (most reported first) and recently hidden ones,
    within the moderator's scope."""

    policy_action = "komentar.moderasi"
    template_name = "standar/konsultasi/staf/moderasi.html"

    def get(self, request):
        user = request.user
        lingkup, instansi_ids = _lingkup_moderasi(user)
        qs = Komentar.objects.all() if lingkup is None else Komentar.objects.filter(lingkup)
        qs = qs.select_related(f"putaran__{_VERSI_RELATED}", "penulis", "peserta")
        dilaporkan = list(
            qs.filter(disembunyikan_pada__isnull=True)
            .annotate(jumlah_laporan=Count("laporan_set"), laporan_terakhir=Max("laporan_set__pada"))
            .filter(jumlah_laporan__gt=0)
            .prefetch_related(
                Prefetch("laporan_set", queryset=LaporanKomentar.objects.order_by("-pada"), to_attr="laporan")
            )
            .order_by("-jumlah_laporan", "-laporan_terakhir", "-pk")[:MODERASI_BATAS]
        )
        baris = []
        for k in dilaporkan:
            form = None
            if policy.may(user, "komentar.moderasi", k):
                form = SembunyikanForm(auto_id=f"id_m{k.pk}_%s")
            alasan = {}
            for lap in k.laporan:
                alasan[lap.get_alasan_display()] = alasan.get(lap.get_alasan_display(), 0) + 1
            baris.append(
                {
                    "komentar": k,
                    "form": form,
                    "alasan": sorted(alasan.items(), key=lambda a: -a[1]),
                    "catatan": [lap for lap in k.laporan if lap.catatan],
                }
            )
        tersembunyi = list(
            qs.filter(disembunyikan_pada__isnull=False)
            .select_related("disembunyikan_oleh")
            .order_by("-disembunyikan_pada", "-pk")[:TERSEMBUNYI_BATAS]
        )
        return render(
            request,
            self.template_name,
            {
                "baris": baris,
                "tersembunyi": tersembunyi,
                "seluruh_portal": lingkup is None,
                "instansi_list": list(Instansi.objects.filter(pk__in=instansi_ids).order_by("nama"))
                if instansi_ids
                else [],
                "batas": MODERASI_BATAS,
            },
        )


class KomentarSembunyikanView(PolicyRequiredMixin, View):
    """POST: hide a comment with a reason (never deleted)."""

    policy_action = "komentar.moderasi"
    http_method_names = ["post"]

    def get_policy_object(self):
        self.komentar = get_object_or_404(
            Komentar.objects.select_related(f"putaran__{_VERSI_RELATED}"), pk=self.kwargs["pk"]
        )
        return self.komentar

    def post(self, request, pk):
        url = reverse("standar:moderasi")
        form = SembunyikanForm(request.POST)
        if not form.is_valid():
            _pesan_galat(request, form)
            return redirect(f"{url}#komentar-{pk}")
        try:
            konsultasi.komentar_hide(
                komentar=self.komentar, alasan=form.cleaned_data["alasan"], oleh=request.user
            )
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
            return redirect(f"{url}#komentar-{pk}")
        messages.success(request, _("Komentar #%(id)s disembunyikan.") % {"id": pk})
        return redirect(url)


putaran_buka = PutaranBukaView.as_view()
putaran_kelola = PutaranKelolaView.as_view()
putaran_perpanjang = PutaranPerpanjangView.as_view()
fkp_baru = FkpBaruView.as_view()
fkp_detail = FkpDetailView.as_view()
komentar_jawab = KomentarJawabView.as_view()
moderasi = ModerasiView.as_view()
komentar_sembunyikan = KomentarSembunyikanView.as_view()
