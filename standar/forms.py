"""Forms of the standar app, built from the content kinds of the component registry.

Nothing here lists the components: `KomponenEditor` builds, for any component, a form
from its kind's Field specs (standar.isi) — item lists become formsets with a few blank
rows (ignored when left blank), an order field and a delete box — and turns the posted
data back into the JSON content that the kind validates. The services decide; these
forms only parse input and give errors next to the fields.
"""

from __future__ import annotations

import json

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from standar import isi
from standar.komponen import Komponen

# Blank rows offered under an item list; rows left blank are ignored.
BARIS_KOSONG = 3
# The `asal` hidden field carries the content the form was opened with (JSON); larger
# payloads are ignored (treated as "changed").
ASAL_MAKS = 2_000_000

PESAN = {
    "required": _("Wajib diisi."),
    "max_length": _("Paling banyak %(limit_value)d karakter (sekarang %(show_value)d)."),
    "min_value": _("Paling sedikit %(limit_value)s."),
    "max_value": _("Paling banyak %(limit_value)s."),
    "invalid": _("Harus bilangan bulat."),
    "invalid_choice": _("Pilihan tidak sah."),
    "null_characters_not_allowed": _("Karakter kosong (null) tidak diperbolehkan."),
}


class TeksField(forms.CharField):
    """A CharField that stores line breaks as \\n (browsers post \\r\\n from a textarea)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def form_field(spec: isi.Field, *, required: bool | None = None) -> forms.Field:
    """The Django form field for one Field spec of a content kind."""
    required = spec.required if required is None else required
    common = {"label": spec.label, "required": required, "error_messages": PESAN}
    if spec.kind in ("text", "longtext"):
        widget = forms.Textarea(attrs={"rows": 4 if spec.max_length > 1000 else 2})
        if spec.kind == "text":
            widget = forms.TextInput()
        return TeksField(max_length=spec.max_length, widget=widget, **common)
    if spec.kind == "int":
        return forms.IntegerField(min_value=spec.min_value, max_value=spec.max_value, **common)
    if spec.kind == "choice":
        pilihan = [("", "—"), *((str(k), v) for k, v in spec.choices.items())]
        keys = {str(k): k for k in spec.choices}
        return forms.TypedChoiceField(
            choices=pilihan, coerce=lambda v: keys.get(v, v), empty_value="", **common
        )
    if spec.kind == "bool":
        return forms.BooleanField(label=spec.label, required=False)
    raise ValueError(spec.kind)


def _kosong(value) -> bool:
    return value in (None, "", False) or (isinstance(value, str) and not value.strip())


class ItemForm(forms.Form):
    """One item of a list. A row whose content fields are all blank is ignored."""

    specs: tuple[isi.Field, ...] = ()

    # The item's stable id; an unusable value gets a new id from the kind's clean.
    id = forms.CharField(required=False, widget=forms.HiddenInput)

    def is_blank(self) -> bool:
        return all(_kosong(self[s.name].data) for s in self.specs)

    def full_clean(self):
        if self.is_bound and self.is_blank():
            self._errors = ErrorDict(renderer=self.renderer)
            self.cleaned_data = {}
            return
        super().full_clean()

    def layout(self) -> list[tuple]:
        """(bound field, grid class) of the content fields, for the row of this item."""
        kelas = {
            "longtext": "col-12",
            "text": "col-md",
            "int": "col-6 col-md-2",
            "choice": "col-md-3",
            "bool": "col-md-3 align-self-end",
        }
        return [(self[s.name], kelas[s.kind]) for s in self.specs]

    def item(self) -> dict:
        data = self.cleaned_data
        out = {"id": data.get("id") or None}
        for s in self.specs:
            value = data.get(s.name)
            if s.kind == "int" and value == "":
                value = None
            out[s.name] = value
        return out


class ItemFormSet(forms.BaseFormSet):
    """A bounded list of items: at most isi.ITEMS_MAX rows, even if more are posted."""

    item_label = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "too_many_forms": _("Paling banyak %(num)d butir dalam satu daftar."),
        }

    def items(self) -> list[dict]:
        """The filled, not deleted rows in their chosen order (call after is_valid)."""
        rows = []
        for index, form in enumerate(self.forms):
            if form.is_blank() or (self.can_delete and self._should_delete_form(form)):
                continue
            order = form.cleaned_data.get(forms.formsets.ORDERING_FIELD_NAME)
            rows.append((order is None, order or 0, index, form.item()))
        rows.sort(key=lambda r: r[:3])
        return [r[3] for r in rows]


_CLASSES: dict[tuple[str, int], type] = {}


def item_formset_class(specs: tuple[isi.Field, ...], label):
    """A formset class for items with these field specs (one per kind, built once)."""
    key = ("items", id(specs))
    if key not in _CLASSES:
        _CLASSES[key] = _build_formset_class(specs, label)
    return _CLASSES[key]


def _build_formset_class(specs: tuple[isi.Field, ...], label):
    fields = {s.name: form_field(s) for s in specs}
    form_class = type("ItemForm", (ItemForm,), {**fields, "specs": specs})
    formset = forms.formset_factory(
        form_class,
        formset=ItemFormSet,
        extra=BARIS_KOSONG,
        can_order=True,
        can_delete=True,
        can_delete_extra=False,
        max_num=isi.ITEMS_MAX,
        validate_max=True,
        absolute_max=isi.ITEMS_MAX,
    )
    formset.item_label = label
    return formset


# --- the main form of each kind -----------------------------------------------------------


def _main_fields(jenis: isi.JenisIsi) -> dict[str, forms.Field]:
    if isinstance(jenis, isi.Daftar):
        if not jenis.catatan_label:
            return {}
        spec = isi.Field("catatan", jenis.catatan_label, "longtext", required=False, max_length=isi.TEXT_MAX)
        return {"catatan": form_field(spec)}
    if isinstance(jenis, isi.Biaya):
        return {
            "gratis": forms.BooleanField(
                label=_("Layanan ini gratis (tanpa biaya/tarif)"),
                required=False,
                help_text=_("Centang bila gratis; bila tidak, isi rincian tarif di bawah."),
            )
        }
    if isinstance(jenis, isi.JumlahPelaksana):
        # As JumlahPelaksana.clean checks it: optional in a draft, at least 1 when given.
        spec = isi.Field(
            "jumlah", _("Jumlah pelaksana"), "int", required=False, min_value=1, max_value=100_000
        )
        return {"jumlah": form_field(spec)}
    if isinstance(jenis, isi.Durasi):
        return {s.name: form_field(s) for s in jenis.fields}
    if isinstance(jenis, isi.Teks):
        # A draft may leave the text empty; completeness says what is missing.
        fields = {s.name: form_field(s, required=False) for s in jenis.fields}
        for f in fields.values():
            f.widget = forms.Textarea(attrs={"rows": 8})
            f.widget.attrs["maxlength"] = str(f.max_length)
        if isinstance(jenis, isi.Evaluasi):
            fields["periode_bulan"] = form_field(
                isi.Field(
                    "periode_bulan",
                    _("Periode evaluasi"),
                    "choice",
                    required=False,
                    choices=isi.PERIODE_EVALUASI,
                )
            )
        return fields
    raise TypeError(f"Unknown content kind: {type(jenis).__name__}")


def _items_of(jenis: isi.JenisIsi) -> tuple | None:
    """(key in the JSON, field specs, item label) of the kind's item list, if it has one."""
    if isinstance(jenis, isi.Daftar):
        return "items", jenis.fields, jenis.item_label
    if isinstance(jenis, isi.Biaya):
        return "items", jenis.item_fields, _("Tarif")
    if isinstance(jenis, isi.JumlahPelaksana):
        return "rincian", jenis.rincian_fields, _("Rincian")
    return None


def main_form_class(jenis: isi.JenisIsi):
    """The form class of a kind's own fields (one per kind, built once)."""
    key = ("main", id(jenis))
    if key not in _CLASSES:
        _CLASSES[key] = type("KomponenForm", (forms.Form,), _main_fields(jenis))
    return _CLASSES[key]


def _initial_main(jenis: isi.JenisIsi, content: dict) -> dict:
    initial = {}
    for name in main_form_class(jenis).base_fields:
        value = content.get(name)
        initial[name] = "" if value is None else value
    return initial


def _initial_items(specs, rows: list) -> list[dict]:
    out = []
    for row in rows or []:
        if isinstance(row, dict):
            out.append({"id": row.get("id") or "", **{s.name: row.get(s.name) for s in specs}})
    return out


def parse_asal(raw: str | None) -> dict | None:
    """The content a form was opened with, from its hidden `asal` field (None if unusable)."""
    if not raw or len(raw) > ASAL_MAKS:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class KomponenEditor:
    """The form of one component: main fields, an item formset if the kind has items,
    the revision it is based on, and the content it was opened with.

    Field names are prefixed with the component key, so all 14 editors fit on one page.
    """

    def __init__(self, komponen: Komponen, row, data=None, *, opened: tuple[dict, int] | None = None):
        """`row`: the stored component; `data`: the POST; `opened`: (content, revision) to
        show unbound instead of the stored row (an untouched form shown again)."""
        self.komponen = komponen
        self.jenis = komponen.jenis
        self.prefix = komponen.kunci
        self.row = row
        self.errors: list[str] = []  # messages of the service (whole-component)
        self.stale = None  # the current row when someone else saved in between
        stored = (row.isi if row is not None else None) or self.jenis.empty()
        if data is None:
            self.asal, self.revisi = opened or (stored, row.revisi if row is not None else 0)
        else:
            try:
                self.revisi = int(data.get(f"{self.prefix}-revisi", ""))
            except (TypeError, ValueError):
                self.revisi = -1  # refused as stale by the service, with its message
            self.asal = parse_asal(data.get(f"{self.prefix}-asal"))
        origin = self.asal if self.asal is not None else self.jenis.empty()
        self.form = main_form_class(self.jenis)(
            data, initial=_initial_main(self.jenis, origin), prefix=self.prefix
        )
        self.formset = None
        spec = _items_of(self.jenis)
        if spec is not None:
            self.items_key, specs, label = spec
            formset_class = item_formset_class(specs, label)
            self.formset = formset_class(
                data,
                initial=_initial_items(specs, origin.get(self.items_key)),
                prefix=f"{self.prefix}-{self.items_key}",
            )

    @property
    def kunci(self) -> str:
        return self.komponen.kunci

    @property
    def asal_json(self) -> str:
        return json.dumps(self.asal if self.asal is not None else {}, sort_keys=True, ensure_ascii=False)

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        if self.formset is not None:
            valid = self.formset.is_valid() and valid
        return valid

    def has_changed(self) -> bool:
        """Did the user change anything since the form was opened?"""
        if self.asal is None:
            return True
        if self.form.has_changed():
            return True
        if self.formset is None:
            return False
        if self.formset.total_form_count() < self.formset.initial_form_count():
            return True
        return any(f.has_changed() for f in self.formset.forms)

    @property
    def tidak_valid(self) -> bool:
        """Bound and with errors in its fields (shown next to them)."""
        return self.form.is_bound and not self.is_valid()

    def has_errors(self) -> bool:
        return bool(self.errors) or self.stale is not None or self.tidak_valid

    def untouched(self) -> KomponenEditor:
        """This form shown again as it was opened, without validating it."""
        return KomponenEditor(self.komponen, self.row, opened=(self.asal or self.jenis.empty(), self.revisi))

    def stale_baris(self) -> list[str]:
        """The colleague's current content, as plain-text lines."""
        return self.jenis.lines(self.stale.isi or self.jenis.empty()) if self.stale is not None else []

    def isi(self) -> dict:
        """The JSON content built from the valid form (the kind's clean normalises it)."""
        data = dict(self.form.cleaned_data)
        for name, value in list(data.items()):
            if value == "" and name in ("jumlah", "periode_bulan"):
                data[name] = None
        if self.formset is not None:
            data[self.items_key] = self.formset.items()
        return data

    def opened_with(self, row) -> None:
        """After a stale save: base the next save on the current row (the user's input stays)."""
        self.stale = row
        self.revisi = row.revisi
        self.asal = row.isi


# --- workflow forms -------------------------------------------------------------------------

_DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TetapkanForm(forms.Form):
    """Penetapan: the decree (SK) of the head of the unit."""

    sk_nomor = forms.CharField(
        label=_("Nomor SK"),
        max_length=100,
        error_messages=PESAN,
        help_text=_("Contoh: 100.3.3/12/2026"),
    )
    sk_tanggal = forms.DateField(
        label=_("Tanggal SK"),
        widget=TanggalInput,
        input_formats=_DATE_FORMATS,
        error_messages={**PESAN, "invalid": _("Masukkan tanggal yang benar.")},
    )
    berlaku_mulai = forms.DateField(
        label=_("Berlaku mulai"),
        widget=TanggalInput,
        input_formats=_DATE_FORMATS,
        error_messages={**PESAN, "invalid": _("Masukkan tanggal yang benar.")},
    )


class CabutForm(forms.Form):
    alasan = TeksField(
        label=_("Alasan pencabutan"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            **PESAN,
            "min_length": _("Paling sedikit %(limit_value)d karakter (sekarang %(show_value)d)."),
        },
    )
