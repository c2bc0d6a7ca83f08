"""Faults lose nothing: tasks go through one function (pelayanan.antrean.antrekan); when the
broker is unreachable they wait in the outbox (in the same transaction as the change that
asked for them, or right after its commit) and are sent exactly once when it is back.

The real-service test stops nothing: "Redis down" is a broker URL on a closed port."""

import re
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from pelayanan import antrean, ratelimit
from pelayanan.celery import app
from pelayanan.models import JejakAudit, Notifikasi, TugasTertunda
from pelayanan.tasks import kirim_notifikasi_email
from tests.conftest import note_service
from tests.factories import user_factory

ROOT = Path(__file__).resolve().parents[2]
REDIS_MATI = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _cache_mati(ignore: bool) -> dict:
    """A Redis cache (as production has) that is down."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_MATI,
            "OPTIONS": {"IGNORE_EXCEPTIONS": ignore, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }


CACHE_MATI = _cache_mati(True)


@pytest.fixture
def tidak_eager(monkeypatch):
    """A broker is configured (not eager); publishing is recorded instead of sent."""
    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False)
    monkeypatch.setattr(antrean, "_gagal_pada", None)
    terkirim = []
    monkeypatch.setattr(
        antrean, "_terbitkan", lambda nama, args, kwargs: terkirim.append((nama, args, kwargs))
    )
    yield terkirim
    app.conf.update(task_always_eager=eager)


def _broker_mati(monkeypatch):
    def gagal(nama, args, kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(antrean, "_terbitkan", gagal)


def _notifikasi(user):
    return Notifikasi.objects.create(pengguna=user, judul="Uji", pesan="Uji")


class TestAntrekan:
    def test_eager_mode_runs_the_task_after_commit(self, db, django_capture_on_commit_callbacks, mailoutbox):
        user = user_factory()
        row = _notifikasi(user)
        with django_capture_on_commit_callbacks(execute=True):
            antrean.antrekan(kirim_notifikasi_email, row.pk)
            assert mailoutbox == []  # not before the commit
        assert [m.to for m in mailoutbox] == [[user.email]]

    def test_published_after_commit_when_the_broker_answers(
        self, db, tidak_eager, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            antrean.antrekan(kirim_notifikasi_email, 7)
            assert tidak_eager == []
        assert tidak_eager == [("pelayanan.tasks.kirim_notifikasi_email", [7], {})]
        assert not TugasTertunda.objects.exists()

    def test_nothing_is_sent_when_the_change_is_rolled_back(
        self, db, tidak_eager, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    antrean.antrekan(kirim_notifikasi_email, 7)
                    raise RuntimeError
            except RuntimeError:
                pass
        assert tidak_eager == []

    def test_broker_down_at_commit_keeps_the_task_and_the_caller_succeeds(
        self, db, tidak_eager, monkeypatch, django_capture_on_commit_callbacks
    ):
        _broker_mati(monkeypatch)
        with django_capture_on_commit_callbacks(execute=True):
            antrean.antrekan(kirim_notifikasi_email, 7)  # no exception reaches the caller
        row = TugasTertunda.objects.get()
        assert (row.nama, row.args, row.kwargs, row.dikirim_pada) == (
            "pelayanan.tasks.kirim_notifikasi_email",
            [7],
            {},
            None,
        )
        assert "Connection refused" in row.galat
        assert antrean.broker_dianggap_mati()

    def test_while_the_broker_is_known_down_the_row_is_written_in_the_same_transaction(
        self, db, tidak_eager, monkeypatch
    ):
        monkeypatch.setattr(antrean, "_gagal_pada", time.monotonic())
        with transaction.atomic():
            antrean.antrekan(kirim_notifikasi_email, 1, kunci="a")
            assert TugasTertunda.objects.filter(args=[1]).count() == 1  # before any commit
        try:
            with transaction.atomic():
                antrean.antrekan(kirim_notifikasi_email, 2)
                raise RuntimeError
        except RuntimeError:
            pass
        assert list(TugasTertunda.objects.values_list("args", "kwargs")) == [([1], {"kunci": "a"})]
        assert tidak_eager == []

    def test_known_down_is_forgotten_after_a_while(self, db, tidak_eager, monkeypatch):
        monkeypatch.setattr(antrean, "_gagal_pada", time.monotonic() - antrean.JEDA_CEK - 1)
        assert not antrean.broker_dianggap_mati()


class TestKirimTertunda:
    def _isi(self, n):
        return [
            TugasTertunda.objects.create(nama="pelayanan.tasks.kirim_notifikasi_email", args=[i])
            for i in range(n)
        ]

    def test_sends_each_waiting_task_once_oldest_first_and_audits(self, db, tidak_eager):
        self._isi(3)
        assert antrean.kirim_tertunda() == 3
        assert [a for _n, a, _k in tidak_eager] == [[0], [1], [2]]
        assert not TugasTertunda.objects.filter(dikirim_pada__isnull=True).exists()
        assert antrean.kirim_tertunda() == 0  # sent rows are not sent again
        assert len(tidak_eager) == 3
        assert JejakAudit.objects.get(aksi="antrean.kirim_tertunda").data == {"jumlah": 3}

    def test_stops_at_the_first_failure_and_keeps_the_rest(self, db, tidak_eager, monkeypatch):
        self._isi(3)
        hasil = []

        def kadang(nama, args, kwargs):
            if args == [1]:
                raise OperationalError("down again")
            hasil.append(args)

        monkeypatch.setattr(antrean, "_terbitkan", kadang)
        assert antrean.kirim_tertunda() == 1
        assert hasil == [[0]]
        sisa = TugasTertunda.objects.filter(dikirim_pada__isnull=True).order_by("id")
        assert [r.args for r in sisa] == [[1], [2]]
        assert (sisa[0].percobaan, sisa[0].galat) == (1, "OperationalError: down again")

    def test_old_sent_rows_are_cleaned_up(self, db, tidak_eager):
        lama, baru = self._isi(2)
        TugasTertunda.objects.filter(pk=lama.pk).update(dikirim_pada=timezone.now() - timedelta(days=8))
        TugasTertunda.objects.filter(pk=baru.pk).update(dikirim_pada=timezone.now())
        antrean.kirim_tertunda()
        assert list(TugasTertunda.objects.values_list("pk", flat=True)) == [baru.pk]

    def test_management_command(self, db, tidak_eager, capsys):
        self._isi(2)
        call_command("kirim_tertunda")
        assert "terkirim: 2; masih menunggu: 0" in capsys.readouterr().out

    @pytest.mark.django_db(transaction=True)
    def test_two_drains_at_once_send_each_task_exactly_once(self, postgres, tidak_eager, monkeypatch):
        self._isi(40)
        terkirim, kunci = [], threading.Lock()

        def lambat(nama, args, kwargs):
            time.sleep(0.01)
            with kunci:
                terkirim.append(args[0])

        monkeypatch.setattr(antrean, "_terbitkan", lambat)

        def drain():
            try:
                antrean.kirim_tertunda()
            finally:
                connection.close()

        threads = [threading.Thread(target=drain) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(terkirim) == list(range(40))  # every task, none twice
        assert not TugasTertunda.objects.filter(dikirim_pada__isnull=True).exists()


def test_the_drain_runs_from_beat_and_on_worker_start(settings):
    jadwal = {v["task"]: v["schedule"] for v in settings.CELERY_BEAT_SCHEDULE.values()}
    assert jadwal["pelayanan.tasks.antrean_kirim_tertunda"] <= 60
    from celery.signals import worker_ready

    from pelayanan.celery import _kirim_tertunda_saat_mulai

    assert any(r[1]() is _kirim_tertunda_saat_mulai for r in worker_ready.receivers)


def test_every_task_is_enqueued_through_antrekan():
    """A new `.delay(...)` elsewhere would bypass the outbox: the code has none."""
    pola = re.compile(r"\.(delay|delay_on_commit|apply_async)\(|send_task\(")
    temuan = []
    for path in ROOT.glob("*/**/*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {".venv", "tests", "bench", "scripts"} or rel.as_posix() in {
            "pelayanan/antrean.py",
            "pelayanan/celery.py",
        }:
            continue
        for n, baris in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pola.search(baris) and not baris.lstrip().startswith("#"):
                temuan.append(f"{rel}:{n}: {baris.strip()}")
    assert temuan == []


@pytest.mark.parametrize("ignore", [True, False], ids=["errors-ignored", "errors-raised"])
def test_rate_limits_still_count_when_the_cache_is_down(db, settings, ignore):
    settings.CACHES = _cache_mati(ignore)
    ip = f"10.0.0.{int(ignore)}"
    for _ in range(2):
        ratelimit.hit("uji-mati", ip, limit=2, window=60)  # no exception: counted in memory
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit("uji-mati", ip, limit=2, window=60)


def test_production_cache_settings_fail_open():
    from pelayanan.settings import base

    src = (ROOT / "pelayanan/settings/base.py").read_text()
    assert '"IGNORE_EXCEPTIONS": True' in src  # a cache error is a miss, not a 500
    # Sessions (and so logins) do not live in the cache.
    assert getattr(base, "SESSION_ENGINE", "django.contrib.sessions.backends.db").endswith(".db")


# --- the real thing: Redis "down", three user actions, Redis back, a real worker ---------------


def _arahkan_broker(url: str) -> None:
    """Point the Celery app at `url`, dropping the connection pools made for the old one."""
    app.conf.update(broker_url=url)
    app._pool = None
    app.amqp._producer_pool = None


def _tunggu(syarat, detik=120) -> bool:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        if syarat():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_with_redis_down_users_succeed_and_everything_goes_out_once_when_it_is_back(
    postgres, redis_url, settings, client
):
    from pengaduan.models import Pengaduan
    from standar import konsultasi, services
    from standar.choices import StatusVersi
    from standar.models import DokumenPDF, Komentar, StatusDokumen
    from tests.pengaduan.helpers import IDENTITAS, Dunia
    from tests.standar.helpers import buka_putaran, isi_lengkap, staf_unit, tutup_putaran

    settings.CACHES = CACHE_MATI  # the cache (rate limits, cached pages) is down too
    dunia = Dunia()
    layanan = dunia.layanan
    admin, kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    putaran = buka_putaran(versi, admin)
    warga = user_factory(email="warga.outbox@contoh.example", email_dikonfirmasi_pada=timezone.now())

    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False)
    antrean._tandai(True)
    try:
        _arahkan_broker(REDIS_MATI)
        # 1. A citizen comments (rate limits in the cache) ...
        client.force_login(warga)
        r = client.post(
            reverse("standar:putaran_detail", kwargs={"pk": putaran.pk}),
            {"kunci": "biaya", "kategori": "masyarakat", "isi": "Mohon tetap gratis."},
        )
        assert r.status_code == 302, r.content.decode()[:500]
        komentar = Komentar.objects.get(penulis=warga)
        # ... and the unit answers it (the commenter is notified).
        konsultasi.komentar_answer(
            komentar=komentar, keputusan="diterima", alasan="Tetap gratis.", oleh=admin
        )
        tutup_putaran(versi)
        # 2. A complaint is filed, without an account.
        client.logout()
        url = reverse("pengaduan:ajukan") + f"?unit={dunia.a.slug}&bagian=biaya&layanan={layanan.slug}"
        data = {
            "layanan": layanan.slug,
            "bagian": "biaya",
            "uraian": "Saya diminta membayar Rp 75.000 untuk karcis poliklinik umum.",
            "tanggal_layanan": (timezone.localdate() - timedelta(days=2)).isoformat(),
            "kerugian": "",
            "permintaan": "Kelebihan bayar dikembalikan.",
            "mode_privasi": "publik",
            "pernyataan": "on",
            **IDENTITAS,
        }
        r = client.post(url, data)
        assert r.status_code == 302, r.content.decode()[:500]
        assert Pengaduan.objects.count() == 1
        # 3. The head decrees and publishes (the official PDFs are to be rendered).
        versi = services.versi_decree(
            versi=versi,
            sk_nomor="100/1/2026",
            sk_tanggal=date(2026, 1, 5),
            berlaku_mulai=date(2026, 1, 12),
            oleh=kepala,
        )
        client.force_login(kepala)
        r = client.post(reverse("standar:staf_transisi", kwargs={"pk": versi.pk, "transisi": "terbitkan"}))
        assert r.status_code == 302
        versi.refresh_from_db()
        assert versi.status == StatusVersi.TERBIT

        menunggu = list(
            TugasTertunda.objects.filter(dikirim_pada__isnull=True).values_list("nama", flat=True)
        )
        assert "pelayanan.tasks.kirim_notifikasi_email" in menunggu  # answer + new complaint
        assert "pengaduan.tasks.kirim_surel_pengadu" in menunggu  # the complainant's receipt
        assert "standar.tasks.dokumen_render" in menunggu  # the PDFs
        assert not Notifikasi.objects.filter(email_terkirim_pada__isnull=False).exists()
        assert mail.outbox == []

        # Redis is back: the drain sends the outbox; a real worker runs each task once.
        _arahkan_broker(redis_url)
        antrean._tandai(True)
        app.control.purge()
        with start_worker(
            app,
            pool="threads",
            concurrency=1,
            perform_ping_check=False,
            shutdown_timeout=60,
            queues=["celery", "pdf"],
        ):
            assert antrean.kirim_tertunda() == len(menunggu)
            assert antrean.kirim_tertunda() == 0
            selesai = _tunggu(
                lambda: (
                    not Notifikasi.objects.filter(email_terkirim_pada__isnull=True).exists()
                    and not DokumenPDF.objects.filter(versi=versi).exclude(status=StatusDokumen.SIAP).exists()
                    and any(m.to == [IDENTITAS["email"]] for m in mail.outbox)
                )
            )
    finally:
        app.conf.update(task_always_eager=eager)
        app.control.purge()
        antrean._tandai(True)
    assert selesai, (
        list(DokumenPDF.objects.values_list("jenis", "status", "galat")),
        [m.to for m in mail.outbox],
    )
    # Each notification e-mailed once, the complainant's receipt once: nothing lost, nothing twice.
    penerima = [m.to[0] for m in mail.outbox]
    assert len(penerima) == Notifikasi.objects.count() + 1
    assert penerima.count(IDENTITAS["email"]) == 1
    assert penerima.count(warga.email) == Notifikasi.objects.filter(pengguna=warga).count() >= 2
    for d in DokumenPDF.objects.filter(versi=versi):
        assert (d.percobaan, d.riwayat_set.count()) == (1, 0), d.jenis  # rendered once, never replaced
    note_service("outbox", f"Redis down at {REDIS_MATI}; {len(menunggu)} task(s) sent later from {redis_url}")
