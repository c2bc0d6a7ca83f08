"""The portal's proposed scores for the Kebijakan Pelayanan indicators of a PEKPPP assessment
(PermenPANRB 29/2022; law.md §2.3–2.4, §3.7, §4.2).

`usulan(unit, tahun)` answers, for each key used in IndikatorPEKPPP.usulan, a score 0–5 on
the indicator's rubric as far as the portal holds evidence, and `dasar`: what the score
rests on and what the portal cannot know (other publication media, SIPP Nasional, printed
notices), so the evaluator completes it. The portal counts as one electronic publication
medium. Evidence is read through the compliance index's loaders (evaluasi.kepatuhan), so a
proposal and the index never disagree about the same facts; the year is judged as of
min(today, 31 December).

The rubrics (PEKPPP instrument, 0–5):
- sp_tersedia (1): 0 no standard; 1 standard without all 14 components; 2 all 14; 3 + decreed;
  4 + the public took part in drafting; 5 + monitored and evaluated. Per active service;
  the weakest service sets the score.
- sp_partisipasi (2): number of the five PEKPPP elements (service users, experts, related
  agencies, civil society, media) taking part: 1–4, more than 4 gives 5. The weakest
  standard in force sets the score.
- sd_publikasi (3): 0 not published; 1 part of the service-delivery components; 2 all of them
  on 2+ media without SIPPN; 3–5 with SIPPN and 2, 3, 4+ media.
- sp_peninjauan (4): 1 reviewed every 3 years or more for all services; 2 every 2 years for
  some; 3 every 2 years for all; 4 yearly for some; 5 yearly for all.
- maklumat_siklus (5): 0 none; 1 drafted not decreed; 2 decreed, content not as required;
  3 decreed with the required content; 4 + published on non-electronic media; 5 + electronic.
- skm_sesuai (6): 0 no survey; 1 not as the Permen requires; 2 as required; 3 + published
  non-electronically; 4 + electronically; 5 + followed up.
- skm_publikasi (7): number of media the results are published on (1–4, more gives 5).
- skm_rtl_persen (8): 0 no follow-up plan; 1 planned, none done; 2 < 30 %; 3 30–80 %;
  4 > 80 %; 5 100 %.
- skm_rtl_cepat (9): all recommendations done within 12, 9, 6, 3, 1 month(s) of the
  report's publication: 1–5; 0 not all done.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi import kepatuhan
from evaluasi.ikm import bulatkan

SKOR_MAKS = 5

# The five elements PEKPPP counts (indicator 2), and the portal's stakeholder categories
# (standar.models.KategoriPemangku) each belongs to: community leaders and businesses are
# part of "masyarakat" (PP 96/2012 Pasal 23).
UNSUR_PEKPPP = {
    "masyarakat": "masyarakat",
    "tokoh": "masyarakat",
    "usaha": "masyarakat",
    "ahli": "ahli",
    "instansi": "instansi",
    "oms": "oms",
    "media": "media",
}

PORTAL_SATU_MEDIA = gettext_lazy(
    "Portal ini dihitung sebagai satu media publikasi elektronik; media lain (cetak, papan "
    "pengumuman, media sosial, situs web unit, aplikasi) dan SIPP Nasional tidak tercatat di "
    "portal dan perlu dilengkapi evaluator."
)


@dataclass(frozen=True)
class Usulan:
    skor: int  # 0..5
    dasar: str


def usulan(unit, tahun: int, hari: date | None = None) -> dict[str, Usulan]:
    """The proposals for `unit` and assessment year `tahun` (keys of IndikatorPEKPPP.usulan)."""
    mulai, selesai = date(tahun, 1, 1), date(tahun, 12, 31)
    ctx = kepatuhan.Konteks.buat([unit.pk], mulai, selesai, kepatuhan.hari_penilaian(selesai, hari))
    if unit.pk not in ctx.unit:
        return {}
    return {kunci: fn(ctx, unit.pk) for kunci, fn in USULAN.items()}


def _tanggal(d: date) -> str:
    return date_format(d, "j F Y")


def _batas(skor: int) -> int:
    return max(0, min(SKOR_MAKS, skor))


def _kalimat(*bagian: str) -> str:
    return " ".join(str(b).strip() for b in bagian if b)


# --- standards ------------------------------------------------------------------------------


def _tingkat_layanan(ctx, uid) -> tuple[int, dict[int, int]]:
    """(active services, {layanan_id: level 1..5}) for services that have any version."""
    s = kepatuhan.bukti_standar(ctx)[uid]
    berlaku = {v.layanan_id: v for v in s.berlaku}
    tingkat = {}
    for layanan_id, terbaru in s.terbaru.items():
        v = berlaku.get(layanan_id)
        if v is not None and v.lengkap:
            t = 3
            if v.konsultasi_sebelum_penetapan and v.kategori:
                t = 4
                if v.evaluasi_terakhir is not None:
                    t = 5
        else:
            t = 2 if terbaru.lengkap else 1
        tingkat[layanan_id] = t
    return s.layanan_aktif, tingkat


def sp_tersedia(ctx, uid) -> Usulan:
    aktif, tingkat = _tingkat_layanan(ctx, uid)
    if not aktif:
        return Usulan(0, _("Unit tidak memiliki layanan aktif di portal."))
    tanpa = aktif - len(tingkat)
    skor = 0 if tanpa else min(tingkat.values())
    hitung = defaultdict(int)
    for t in tingkat.values():
        hitung[t] += 1
    return Usulan(
        skor,
        _kalimat(
            _(
                "Dari %(n)s layanan aktif: %(nol)s belum memiliki standar, %(satu)s belum "
                "lengkap 14 komponen, %(dua)s lengkap tetapi belum ditetapkan, %(tiga)s ditetapkan "
                "tanpa konsultasi publik yang tercatat, %(empat)s ditetapkan setelah konsultasi "
                "publik, %(lima)s juga sudah dievaluasi."
            )
            % {
                "n": aktif,
                "nol": tanpa,
                "satu": hitung[1],
                "dua": hitung[2],
                "tiga": hitung[3],
                "empat": hitung[4],
                "lima": hitung[5],
            },
            _("Skor mengikuti layanan yang paling lemah."),
        ),
    )


def sp_partisipasi(ctx, uid) -> Usulan:
    s = kepatuhan.bukti_standar(ctx)[uid]
    if not s.berlaku:
        return Usulan(0, _("Belum ada standar pelayanan yang berlaku: tidak ada penyusunan yang tercatat."))
    jumlah = [len({UNSUR_PEKPPP.get(k, k) for k in v.kategori}) for v in s.berlaku]
    n = min(jumlah)
    return Usulan(
        _batas(n if n <= 4 else SKOR_MAKS),
        _kalimat(
            _(
                "Unsur masyarakat yang ikut dalam konsultasi publik sebelum penetapan (terendah di "
                "antara %(m)s standar yang berlaku): %(n)s dari 5 unsur PEKPPP."
            )
            % {"n": n, "m": len(s.berlaku)},
            _(
                "Komentar daring dan peserta FKP yang tercatat di portal dihitung; tokoh masyarakat "
                "dan dunia usaha digolongkan sebagai masyarakat pengguna layanan. Pelibatan di luar "
                "portal perlu diperiksa evaluator dari berita acara dan daftar hadir."
            ),
        ),
    )


def sd_publikasi(ctx, uid) -> Usulan:
    s = kepatuhan.bukti_standar(ctx)[uid]
    terbit = [v for v in s.berlaku if v.sd_lengkap]
    if not terbit:
        return Usulan(0, _kalimat(_("Tidak ada standar pelayanan yang terbit di portal."), PORTAL_SATU_MEDIA))
    return Usulan(
        1,
        _kalimat(
            _(
                "Komponen service delivery dari %(n)s standar (untuk %(n)s dari %(m)s layanan aktif) "
                "terbit lengkap di portal."
            )
            % {"n": len(terbit), "m": s.layanan_aktif},
            PORTAL_SATU_MEDIA,
            _(
                "Dengan 2 media atau lebih: skor 2; bila juga di SIPP Nasional: 3 sampai 5 "
                "menurut jumlah media."
            ),
        ),
    )


def sp_peninjauan(ctx, uid) -> Usulan:
    s = kepatuhan.bukti_standar(ctx)[uid]
    d = ctx.hari
    if not s.layanan_aktif or not s.berlaku:
        return Usulan(0, _("Belum ada standar pelayanan yang berlaku untuk ditinjau."))
    tahunan = dua_tahun = tiga_tahun = 0
    for v in s.berlaku:
        tanggal = [v.evaluasi_terakhir] if v.evaluasi_terakhir else []
        if v.revisi_dari_id and v.berlaku_sejak:
            tanggal.append(v.berlaku_sejak)  # a new version is a review of the one before
        if not tanggal:
            continue
        terakhir = max(tanggal)
        tahunan += terakhir + relativedelta(years=1) >= d
        dua_tahun += terakhir + relativedelta(years=2) >= d
        tiga_tahun += terakhir + relativedelta(years=3) >= d
    semua = s.layanan_aktif
    if tahunan and tahunan == semua:
        skor = 5
    elif tahunan:
        skor = 4
    elif dua_tahun == semua:
        skor = 3
    elif dua_tahun:
        skor = 2
    elif tiga_tahun == semua:
        skor = 1
    else:
        skor = 0
    return Usulan(
        skor,
        _kalimat(
            _(
                "Dari %(m)s layanan aktif, standar yang dievaluasi atau ditinjau (versi baru) dalam "
                "1 tahun terakhir: %(a)s; dalam 2 tahun: %(b)s; dalam 3 tahun: %(c)s."
            )
            % {"m": semua, "a": tahunan, "b": dua_tahun, "c": tiga_tahun},
            _("Evaluasi tahunan dan versi baru yang tercatat di portal dihitung sebagai peninjauan."),
        ),
    )


# --- maklumat -------------------------------------------------------------------------------

# Words of the three required statements of a maklumat (law.md §2.5): the promise to serve by
# the standard, continuous improvement, and sanctions and/or compensation.
PERNYATAAN_MAKLUMAT = (("sanggup", "janji"), ("perbaikan",), ("sanksi", "kompensasi"))


def isi_maklumat_sesuai(teks: str) -> bool:
    teks = (teks or "").lower()
    return all(any(kata in teks for kata in pilihan) for pilihan in PERNYATAAN_MAKLUMAT)


def _muat_maklumat_terakhir(ctx) -> dict:
    """Each unit's newest maklumat drafted on or before D and not revoked by then (one query)."""
    from standar.models import Maklumat

    d = ctx.hari
    hasil = {}
    for m in (
        Maklumat.objects.filter(unit_id__in=ctx.unit_ids, dibuat_pada__date__lte=d)
        .exclude(dicabut_pada__date__lte=d)
        .order_by("unit_id", "nomor")
    ):
        hasil[m.unit_id] = m
    return hasil


def maklumat_siklus(ctx, uid) -> Usulan:
    m = ctx.sekali("maklumat_terakhir", lambda: _muat_maklumat_terakhir(ctx)).get(uid)
    terbit = kepatuhan.bukti_maklumat(ctx)[uid]
    d = ctx.hari
    if m is None:
        return Usulan(0, _("Tidak ada maklumat pelayanan di portal."))
    if m.ditetapkan_pada is None or timezone.localdate(m.ditetapkan_pada) > d:
        return Usulan(1, _("Maklumat pelayanan sudah disusun di portal tetapi belum ditetapkan."))
    if not isi_maklumat_sesuai(m.teks):
        return Usulan(
            2,
            _(
                "Maklumat pelayanan sudah ditetapkan, tetapi teksnya tidak memuat ketiga pernyataan "
                "wajib (kesanggupan melayani sesuai standar, perbaikan terus-menerus, kesediaan "
                "menerima sanksi dan/atau memberi kompensasi)."
            ),
        )
    if terbit.berlaku:
        return Usulan(
            3,
            _kalimat(
                _(
                    "Maklumat pelayanan ditetapkan dengan ketiga pernyataan wajib dan terbit di portal "
                    "(media elektronik) sejak %(d)s."
                )
                % {"d": _tanggal(terbit.berlaku_terbit)},
                _(
                    "Publikasi di media non-elektronik (papan, banner, brosur) tidak tercatat di portal: "
                    "bila ada, evaluator dapat memberi skor 5."
                ),
            ),
        )
    return Usulan(
        3,
        _(
            "Maklumat pelayanan ditetapkan dengan ketiga pernyataan wajib, tetapi belum terbit di "
            "portal; publikasi di media lain perlu diperiksa evaluator."
        ),
    )


# --- the satisfaction survey ------------------------------------------------------------------


def _periode_tahun(ctx, uid) -> list:
    return kepatuhan.bukti_periode_skm(ctx).get(uid, [])


def _terbit(p, d: date) -> bool:
    return bool(p.diterbitkan and p.diterbitkan_pada and timezone.localdate(p.diterbitkan_pada) <= d)


def skm_sesuai(ctx, uid) -> Usulan:
    from evaluasi import selectors
    from evaluasi.choices import StatusPeriode

    periode = [p for p in _periode_tahun(ctx, uid) if p.status != StatusPeriode.DRAF]
    if not periode:
        return Usulan(0, _("Tidak ada periode SKM pada tahun ini di portal."))
    selesai = [p for p in periode if p.status == StatusPeriode.SELESAI]
    cukup = [p for p in selesai if selectors.kecukupan(p, p.jumlah_jawaban).cukup]
    if not cukup:
        return Usulan(
            1,
            _(
                "SKM dilaksanakan (%(n)s periode) tetapi belum ada periode yang selesai dengan jumlah "
                "responden sedikitnya sampel Krejcie–Morgan."
            )
            % {"n": len(periode)},
        )
    terbit = [p for p in cukup if _terbit(p, ctx.hari)]
    return Usulan(
        2,
        _kalimat(
            _("SKM %(p)s selesai sesuai PermenPANRB 14/2017 (9 unsur, sampel Krejcie–Morgan terpenuhi).")
            % {"p": ", ".join(p.label for p in cukup)},
            _("Hasilnya terbit di portal (media elektronik).")
            if terbit
            else _("Hasilnya belum terbit di portal."),
            _(
                "Publikasi non-elektronik tidak tercatat di portal: dengan publikasi non-elektronik "
                "skor 3, ditambah elektronik 4, dan bila hasilnya ditindaklanjuti 5."
            ),
        ),
    )


def skm_publikasi(ctx, uid) -> Usulan:
    terbit = [p for p in _periode_tahun(ctx, uid) if _terbit(p, ctx.hari)]
    if not terbit:
        return Usulan(0, _kalimat(_("Hasil SKM tahun ini belum terbit di portal."), PORTAL_SATU_MEDIA))
    return Usulan(
        1,
        _kalimat(
            _("Hasil SKM %(p)s terbit di portal.") % {"p": ", ".join(p.label for p in terbit)},
            PORTAL_SATU_MEDIA,
        ),
    )


def _muat_rtl(ctx) -> dict[int, list]:
    """The follow-ups of the units' survey periods of the year (one query)."""
    from evaluasi.models import RencanaTindakLanjut

    ids = [p.pk for daftar in kepatuhan.bukti_periode_skm(ctx).values() for p in daftar]
    hasil = defaultdict(list)
    for periode_id, status, selesai_pada in RencanaTindakLanjut.objects.filter(
        periode_id__in=ids
    ).values_list("periode_id", "status", "selesai_pada"):
        hasil[periode_id].append((status, selesai_pada))
    return hasil


def _rtl_selesai(status: str, selesai_pada: date | None, d: date) -> bool:
    from evaluasi.choices import StatusTindakLanjut

    return status == StatusTindakLanjut.SELESAI and selesai_pada is not None and selesai_pada <= d


def skm_rtl_persen(ctx, uid) -> Usulan:
    rtl = ctx.sekali("rtl", lambda: _muat_rtl(ctx))
    baris = [r for p in _periode_tahun(ctx, uid) for r in rtl.get(p.pk, [])]
    if not baris:
        return Usulan(0, _("Tidak ada rencana tindak lanjut hasil SKM tahun ini di portal."))
    selesai = sum(_rtl_selesai(s, t, ctx.hari) for s, t in baris)
    persen = Fraction(100 * selesai, len(baris))
    if selesai == 0:
        skor = 1
    elif persen < 30:
        skor = 2
    elif persen <= 80:
        skor = 3
    elif persen < 100:
        skor = 4
    else:
        skor = 5
    return Usulan(
        skor,
        _("%(n)s dari %(m)s rencana tindak lanjut hasil SKM tahun ini selesai (%(p)s%%).")
        % {"n": selesai, "m": len(baris), "p": bulatkan(persen, 0)},
    )


# Months after the report's publication within which all follow-ups were done -> score.
KECEPATAN = ((1, 5), (3, 4), (6, 3), (9, 2), (12, 1))


def skm_rtl_cepat(ctx, uid) -> Usulan:
    rtl = ctx.sekali("rtl", lambda: _muat_rtl(ctx))
    d = ctx.hari
    dinilai = [(p, rtl[p.pk]) for p in _periode_tahun(ctx, uid) if _terbit(p, d) and rtl.get(p.pk)]
    if not dinilai:
        return Usulan(0, _("Tidak ada hasil SKM terbit dengan rencana tindak lanjut tahun ini."))
    skor_list, bagian = [], []
    for p, baris in dinilai:
        terbit = timezone.localdate(p.diterbitkan_pada)
        if not all(_rtl_selesai(s, t, d) for s, t in baris):
            skor_list.append(0)
            bagian.append(_("%(p)s: belum seluruhnya ditindaklanjuti") % {"p": p.label})
            continue
        tuntas = max(t for _s, t in baris)
        skor = next((s for bulan, s in KECEPATAN if tuntas <= terbit + relativedelta(months=bulan)), 0)
        skor_list.append(skor)
        bagian.append(
            _("%(p)s: terbit %(a)s, seluruh tindak lanjut selesai %(b)s")
            % {"p": p.label, "a": _tanggal(terbit), "b": _tanggal(tuntas)}
        )
    return Usulan(min(skor_list), "; ".join(bagian) + ".")


USULAN = {
    "sp_tersedia": sp_tersedia,
    "sp_partisipasi": sp_partisipasi,
    "sd_publikasi": sd_publikasi,
    "sp_peninjauan": sp_peninjauan,
    "maklumat_siklus": maklumat_siklus,
    "skm_sesuai": skm_sesuai,
    "skm_publikasi": skm_publikasi,
    "skm_rtl_persen": skm_rtl_persen,
    "skm_rtl_cepat": skm_rtl_cepat,
}
