"""Staff authoring pages of standards: a unit's standards and review schedule, starting a
draft (new or copied from another unit), editing components one at a time or all at
once, and the workflow steps. Each view parses the request, asks pelayanan.policy,
calls one service of standar.services, and renders; the services decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pelayanan import policy
from pelayanan.models import Layanan, Unit
from pelayanan.views.mixins import PolicyRequiredMixin
from standar import jadwal, komponen, services, workflow
from standar.choices import STATUS_PERSIAPAN, StatusVersi
from standar.forms import CabutForm, KomponenEditor, TetapkanForm
from standar.forms_evaluasi import EvaluasiPenerapanForm
from standar.maklumat import BATAS_HARI_KERJA, maklumat_reminder
from standar.models import DokumenPDF, KomponenStandar, VersiStandar

# A review date this close (or closer) counts as due; after it, as overdue.
JATUH_TEMPO_DALAM = timedelta(days=60)
# Lines of a component shown on the overview before "… and n more".
BARIS_RINGKAS = 5
SALIN_BATAS = 50


# --- loading ------------------------------------------------------------------------------


def _versi_qs():
    return VersiStandar.objects.select_related(
        "standar__layanan__unit__instansi",
        "revisi_dari",
        "disalin_dari__standar__layanan__unit",
        "dibuat_oleh",
        "ditetapkan_oleh",
    ).prefetch_related(
        Prefetch("komponen_set", queryset=KomponenStandar.objects.select_related("diubah_oleh"))
    )


def _layanan(pk) -> Layanan:
    return get_object_or_404(
        Layanan.objects.select_related("unit__instansi"), pk=pk, aktif=True, unit__aktif=True
    )


def _komponen(kunci: str) -> komponen.Komponen:
    try:
        return komponen.get(kunci)
    except KeyError:
        raise Http404(_("Komponen tidak dikenal.")) from None


def _versi_url(versi: VersiStandar, anchor: str = "") -> str:
    url = reverse("standar:staf_versi", kwargs={"pk": versi.pk})
    return f"{url}#{anchor}" if anchor else url


def _unit_url(unit: Unit) -> str:
    return reverse("standar:staf_unit_standar", kwargs={"unit": unit.slug})


# --- the unit's standards -----------------------------------------------------------------


@dataclass
class Tenggat:
    """A review date of a published version and how it stands today."""

    label: str
    tanggal: date
    keadaan: str  # "terlambat" | "jatuh_tempo" | ""

    @classmethod
    def of(cls, label, tanggal: date | None, today: date) -> Tenggat | None:
        if tanggal is None:
            return None
        keadaan = ""
        if tanggal < today:
            keadaan = "terlambat"
        elif tanggal - today <= JATUH_TEMPO_DALAM:
            keadaan = "jatuh_tempo"
        return cls(str(label), tanggal, keadaan)


def tenggat_versi(versi: VersiStandar, today: date) -> list[Tenggat]:
    """The next yearly evaluation (after the latest one recorded) and the 3-year review of a
    published version (standar.jadwal), as they stand today."""
    j = jadwal.jadwal_versi(versi)
    if j is None or versi.status != StatusVersi.TERBIT:
        return []
    return [
        Tenggat.of(gettext_lazy("Evaluasi tahunan"), j.evaluasi, today),
        Tenggat.of(gettext_lazy("Peninjauan ulang (3 tahun)"), j.peninjauan, today),
    ]


@dataclass
class BarisLayanan:
    layanan: Layanan
    terbit: VersiStandar | None = None
    persiapan: VersiStandar | None = None
    kelengkapan: services.Kelengkapan | None = None
    tenggat: list[Tenggat] = field(default_factory=list)


class UnitStandarView(PolicyRequiredMixin, View):
    """The unit's services with their published and in-preparation versions."""

    policy_action = "standar.lihat_draf"

    def get_policy_object(self):
        self.unit = get_object_or_404(
            Unit.objects.select_related("instansi"), slug=self.kwargs["unit"], aktif=True
        )
        return self.unit

    def get(self, request, unit):
        today = timezone.localdate()
        versi_qs = jadwal.dengan_evaluasi_terakhir(
            VersiStandar.objects.filter(status__in=[StatusVersi.TERBIT, *STATUS_PERSIAPAN])
        ).prefetch_related("komponen_set")
        layanan_list = (
            Layanan.objects.filter(unit=self.unit, aktif=True)
            .select_related("standar")
            .prefetch_related(Prefetch("standar__versi_set", queryset=versi_qs, to_attr="versi_aktif"))
            .order_by("nama", "pk")
        )
        baris, perhatian = [], []
        for layanan in layanan_list:
            row = BarisLayanan(layanan)
            standar = getattr(layanan, "standar", None)
            for versi in getattr(standar, "versi_aktif", []) if standar else []:
                if versi.status == StatusVersi.TERBIT:
                    row.terbit = versi
                else:
                    row.persiapan = versi
                    row.kelengkapan = services.kelengkapan(versi)
            if row.terbit is not None:
                for tenggat in tenggat_versi(row.terbit, today):
                    row.tenggat.append(tenggat)
                    if tenggat.keadaan:
                        perhatian.append((layanan, tenggat))
            baris.append(row)
        return render(
            request,
            "standar/staf/unit_standar.html",
            {
                "unit": self.unit,
                "baris": baris,
                "perhatian": perhatian,
                "today": today,
                "boleh_susun": policy.may(request.user, "standar.susun", self.unit),
                "pengingat_maklumat": maklumat_reminder(self.unit, today),
                "batas_hari_kerja": BATAS_HARI_KERJA,
            },
        )


# --- starting a draft ---------------------------------------------------------------------


class DrafBaruView(PolicyRequiredMixin, View):
    """POST: start a new draft of a service's standard."""

    policy_action = "standar.susun"
    http_method_names = ["post"]

    def get_policy_object(self):
        self.layanan = _layanan(self.kwargs["pk"])
        return self.layanan

    def post(self, request, pk):
        try:
            versi = services.versi_draft_create(layanan=self.layanan, oleh=request.user)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
            return redirect(_unit_url(self.layanan.unit))
        messages.success(
            request,
            _("Draf versi %(n)s untuk “%(layanan)s” dibuat.") % {"n": versi.nomor, "layanan": self.layanan},
        )
        return redirect(_versi_url(versi))


class SalinView(PolicyRequiredMixin, View):
    """Start a draft from another unit's published standard."""

    policy_action = "standar.susun"

    def get_policy_object(self):
        self.layanan = _layanan(self.kwargs["pk"])
        return self.layanan

    def candidates(self, q: str = ""):
        qs = (
            VersiStandar.objects.filter(
                status=StatusVersi.TERBIT,
                standar__layanan__aktif=True,
                standar__layanan__unit__aktif=True,
            )
            .exclude(standar__layanan__unit_id=self.layanan.unit_id)
            .select_related("standar__layanan__unit__instansi")
        )
        for term in q.split()[:8]:
            qs = qs.filter(
                Q(standar__layanan__nama__icontains=term)
                | Q(standar__layanan__unit__nama__icontains=term)
                | Q(standar__layanan__unit__instansi__nama__icontains=term)
            )
        return qs.annotate(
            nama_sama=Case(
                When(standar__layanan__nama__iexact=self.layanan.nama, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        ).order_by("-nama_sama", "standar__layanan__nama", "standar__layanan__unit__nama", "pk")

    def get(self, request, pk):
        q = request.GET.get("q", "")[:200].strip()
        return render(
            request,
            "standar/staf/salin.html",
            {
                "layanan": self.layanan,
                "unit": self.layanan.unit,
                "q": q,
                "pilihan": list(self.candidates(q)[:SALIN_BATAS]),
            },
        )

    def post(self, request, pk):
        url = reverse("standar:staf_salin", kwargs={"pk": pk})
        try:
            sumber = self.candidates().filter(pk=int(request.POST.get("versi", ""))).first()
        except ValueError:
            sumber = None
        if sumber is None:
            messages.error(request, _("Pilih standar yang akan dijadikan contoh dari daftar."))
            return redirect(url)
        try:
            versi = services.versi_copy_from_other(layanan=self.layanan, sumber=sumber, oleh=request.user)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
            return redirect(url)
        messages.success(
            request,
            _("Draf versi %(n)s dibuat dari standar “%(sumber)s” (%(unit)s). Sesuaikan isinya.")
            % {"n": versi.nomor, "sumber": sumber.standar.layanan, "unit": sumber.standar.layanan.unit},
        )
        return redirect(_versi_url(versi))


# --- a version ----------------------------------------------------------------------------


class _VersiMixin(PolicyRequiredMixin):
    def get_policy_object(self):
        self.versi = get_object_or_404(_versi_qs(), pk=self.kwargs["pk"])
        self.layanan = self.versi.standar.layanan
        return self.versi

    def rows(self) -> dict[str, KomponenStandar]:
        return {row.kunci: row for row in self.versi.komponen_set.all()}


# Steps taken on another page when the project has it: submitting to consultation opens a
# comment round (its dates and invited stakeholders), which moves the version on.
HALAMAN_LANGKAH = {"ajukan_konsultasi": "standar:putaran_buka"}


def _langkah(request, versi, forms_by_name: dict) -> list[dict]:
    """The workflow steps out of the version's status that this user may take."""
    out = []
    for t in workflow.available(versi):
        if not policy.may(request.user, t.aksi_policy, versi):
            continue
        form = forms_by_name.get(t.nama)
        if form is None:
            form = {"tetapkan": TetapkanForm, "cabut": CabutForm}.get(t.nama, lambda: None)()
        try:
            url = reverse(HALAMAN_LANGKAH[t.nama], kwargs={"pk": versi.pk})
        except (KeyError, NoReverseMatch):
            url = None
        out.append({"transisi": t, "kurang": workflow.missing(versi, t.nama), "form": form, "url": url})
    return out


class VersiView(_VersiMixin, View):
    """Overview of a version: completeness, components, workflow steps."""

    policy_action = "standar.lihat_draf"

    def get(self, request, pk):
        return render_versi(request, self.versi)


def render_versi(request, versi, *, forms_by_name=None, status=200, form_evaluasi=None):
    kel = services.kelengkapan(versi)
    lengkap = {k.kunci for k in kel.lengkap}
    rows = {row.kunci: row for row in versi.komponen_set.all()}
    kelompok = []
    for label, daftar in [
        (komponen.Kelompok.LABELS[komponen.Kelompok.SERVICE_DELIVERY], komponen.service_delivery()),
        (komponen.Kelompok.LABELS[komponen.Kelompok.MANUFACTURING], komponen.manufacturing()),
    ]:
        items = []
        for k in daftar:
            row = rows.get(k.kunci)
            baris = k.jenis.lines((row.isi if row else None) or k.jenis.empty())
            items.append(
                {
                    "k": k,
                    "row": row,
                    "lengkap": k.kunci in lengkap,
                    "baris": baris[:BARIS_RINGKAS],
                    "lebih": max(0, len(baris) - BARIS_RINGKAS),
                }
            )
        kelompok.append((label, items))
    boleh_susun = policy.may(request.user, "standar.susun", versi)
    evaluasi_list = list(versi.evaluasi_set.select_related("dicatat_oleh").order_by("-tanggal", "-pk"))
    versi.evaluasi_terakhir = evaluasi_list[0].tanggal if evaluasi_list else None
    boleh_evaluasi = versi.status == StatusVersi.TERBIT and policy.may(
        request.user, "standar.evaluasi", versi
    )
    if boleh_evaluasi and form_evaluasi is None:
        form_evaluasi = EvaluasiPenerapanForm(initial={"tanggal": timezone.localdate()})
    return render(
        request,
        "standar/staf/versi.html",
        {
            "evaluasi_list": evaluasi_list,
            "tenggat_list": tenggat_versi(versi, timezone.localdate()),
            "form_evaluasi": form_evaluasi if boleh_evaluasi else None,
            "versi": versi,
            "layanan": versi.standar.layanan,
            "unit": versi.standar.layanan.unit,
            "kelengkapan": kel,
            "persen": round(100 * kel.jumlah_lengkap / kel.jumlah),
            "kelompok": kelompok,
            "boleh_ubah": boleh_susun and versi.dapat_diubah,
            "langkah": _langkah(request, versi, forms_by_name or {}),
            "putaran_list": versi.putaran_set.order_by("-mulai"),
            "dokumen_list": DokumenPDF.objects.filter(Q(versi=versi) | Q(putaran__versi=versi)).order_by(
                "jenis", "pk"
            ),
        },
        status=status,
    )


# --- editing components -------------------------------------------------------------------


def _save(editor: KomponenEditor, versi, user) -> KomponenStandar | None:
    """Save one component through the service; on refusal, record why on the editor."""
    try:
        return services.komponen_update(
            versi=versi, kunci=editor.kunci, isi=editor.isi(), revisi_dasar=editor.revisi, oleh=user
        )
    except services.StaleEdit as exc:
        editor.opened_with(exc.current)
        editor.errors = exc.messages
    except ValidationError as exc:
        editor.errors = exc.messages
    return None


class KomponenUbahView(_VersiMixin, View):
    """One component's form. A save based on a stale copy is refused (409), input kept."""

    policy_action = "standar.susun"
    template_name = "standar/staf/komponen_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.komponen = _komponen(kwargs["kunci"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk, kunci):
        if not self.versi.dapat_diubah:
            messages.warning(request, _not_editable(self.versi))
            return redirect(_versi_url(self.versi))
        return self._render(KomponenEditor(self.komponen, self.rows().get(kunci)))

    def post(self, request, pk, kunci):
        editor = KomponenEditor(self.komponen, self.rows().get(kunci), request.POST)
        if not editor.is_valid():
            return self._render(editor, status=400)
        revisi = editor.revisi
        row = _save(editor, self.versi, request.user)
        if row is None:
            return self._render(editor, status=409 if editor.stale is not None else 400)
        if row.revisi == revisi:
            messages.info(request, _("Tidak ada perubahan pada %(k)s.") % {"k": self.komponen.label})
        else:
            messages.success(request, _("%(k)s disimpan.") % {"k": self.komponen.label})
        if "lanjut" in request.POST:
            berikut = _berikut(self.komponen)
            if berikut is not None:
                return redirect("standar:staf_komponen_ubah", pk=self.versi.pk, kunci=berikut.kunci)
        return redirect(_versi_url(self.versi, f"komponen-{kunci}"))

    def _render(self, editor, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "versi": self.versi,
                "layanan": self.layanan,
                "unit": self.layanan.unit,
                "k": self.komponen,
                "editor": editor,
                "berikut": _berikut(self.komponen),
            },
            status=status,
        )


def _berikut(k: komponen.Komponen) -> komponen.Komponen | None:
    i = komponen.KUNCI.index(k.kunci)
    return komponen.KOMPONEN[i + 1] if i + 1 < komponen.JUMLAH else None


def _not_editable(versi) -> str:
    return _("Versi %(n)s berstatus %(s)s dan tidak dapat diubah.") % {
        "n": versi.nomor,
        "s": versi.get_status_display(),
    }


class _Batal(Exception):
    """Raised inside the all-components transaction to roll every save back."""


class VersiUbahSemuaView(_VersiMixin, View):
    """All 14 components on one page, saved all-or-nothing. Components left untouched
    are not saved (so a colleague's newer save of them stays)."""

    policy_action = "standar.susun"
    template_name = "standar/staf/versi_ubah_semua.html"

    def get(self, request, pk):
        if not self.versi.dapat_diubah:
            messages.warning(request, _not_editable(self.versi))
            return redirect(_versi_url(self.versi))
        rows = self.rows()
        return self._render([KomponenEditor(k, rows.get(k.kunci)) for k in komponen.KOMPONEN])

    def post(self, request, pk):
        rows = self.rows()
        posted = [KomponenEditor(k, rows.get(k.kunci), request.POST) for k in komponen.KOMPONEN]
        # Untouched components are neither validated nor saved; they are shown as opened.
        editors = [e if e.has_changed() else e.untouched() for e in posted]
        changed = [e for e in editors if e.form.is_bound]
        if not changed:
            messages.info(request, _("Tidak ada perubahan."))
            return redirect(_versi_url(self.versi))
        valid = [e.is_valid() for e in changed]  # validate every one, to show all errors
        if not all(valid):
            return self._render(editors, status=400)
        saved = 0
        try:
            with transaction.atomic():
                for editor in changed:
                    revisi = editor.revisi
                    row = _save(editor, self.versi, request.user)
                    if row is not None and row.revisi != revisi:
                        saved += 1
                if any(e.errors for e in changed):
                    raise _Batal
        except _Batal:
            stale = any(e.stale is not None for e in changed)
            return self._render(editors, status=409 if stale else 400)
        messages.success(request, _("%(n)s komponen disimpan.") % {"n": saved})
        return redirect(_versi_url(self.versi))

    def _render(self, editors, status=200):
        gagal = [e for e in editors if e.has_errors()]
        return render(
            self.request,
            self.template_name,
            {
                "versi": self.versi,
                "layanan": self.layanan,
                "unit": self.layanan.unit,
                "editors": editors,
                "gagal": gagal,
            },
            status=status,
        )


# --- workflow steps -----------------------------------------------------------------------


class TransisiView(_VersiMixin, View):
    """POST: take one workflow step. Wrong role: 403; not possible now: a message."""

    policy_action = "standar.lihat_draf"
    http_method_names = ["post"]

    def post(self, request, pk, transisi):
        t = workflow.TRANSISI.get(transisi)
        if t is None:
            raise Http404(_("Langkah tidak dikenal."))
        versi, user = self.versi, request.user
        policy.require(user, t.aksi_policy, versi)
        if t not in workflow.available(versi):
            messages.error(
                request,
                _("Langkah “%(langkah)s” tidak dapat dilakukan pada versi berstatus %(status)s.")
                % {"langkah": t.label, "status": versi.get_status_display()},
            )
            return redirect(_versi_url(versi))
        if t.nama in HALAMAN_LANGKAH:  # a step with its own page (opening a round)
            return redirect(reverse(HALAMAN_LANGKAH[t.nama], kwargs={"pk": versi.pk}))
        form = None
        if t.nama == "tetapkan":
            form = TetapkanForm(request.POST)
        elif t.nama == "cabut":
            form = CabutForm(request.POST)
        if form is not None and not form.is_valid():
            return render_versi(request, versi, forms_by_name={t.nama: form}, status=400)
        data = form.cleaned_data if form is not None else {}
        langkah = _LANGKAH.get(t.nama)
        if langkah is None:
            raise Http404(_("Langkah tidak dikenal."))
        try:
            hasil = langkah(versi=versi, oleh=user, **data)
        except ValidationError as exc:
            if form is not None and hasattr(exc, "error_dict"):
                form.add_error(None, exc)
                return render_versi(request, versi, forms_by_name={t.nama: form}, status=400)
            for m in exc.messages:
                messages.error(request, m)
            return redirect(_versi_url(versi))
        messages.success(
            request,
            _("Langkah “%(langkah)s” selesai: versi %(n)s kini berstatus %(status)s.")
            % {"langkah": t.label, "n": hasil.nomor, "status": hasil.get_status_display()},
        )
        return redirect(_versi_url(hasil))


_LANGKAH = {
    "tetapkan": services.versi_decree,
    "terbitkan": services.versi_publish,
    "cabut": services.versi_revoke,
}


unit_standar = UnitStandarView.as_view()
draf_baru = DrafBaruView.as_view()
salin = SalinView.as_view()
versi = VersiView.as_view()
versi_ubah_semua = VersiUbahSemuaView.as_view()
komponen_ubah = KomponenUbahView.as_view()
transisi = TransisiView.as_view()
