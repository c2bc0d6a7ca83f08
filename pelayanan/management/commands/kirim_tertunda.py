"""Send the Celery tasks kept in the outbox while the broker was unreachable."""

from django.core.management.base import BaseCommand

from pelayanan.antrean import jumlah_tertunda, kirim_tertunda


class Command(BaseCommand):
    help = "Send the tasks waiting in the outbox (pelayanan.TugasTertunda) to the broker, once each."

    def add_arguments(self, parser):
        parser.add_argument("--batas", type=int, default=10_000, help="At most this many tasks.")

    def handle(self, *args, batas, **options):
        terkirim = kirim_tertunda(batas=batas)
        self.stdout.write(f"terkirim: {terkirim}; masih menunggu: {jumlah_tertunda()}")
