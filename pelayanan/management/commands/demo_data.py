"""Load the demo data of every app (idempotent) and print the demo accounts."""

from importlib import import_module

from django.core.management.base import BaseCommand

# Each app's demo module builds on the ones before it.
DEMO_MODULES = ["pelayanan.demo", "standar.demo", "pengaduan.demo", "evaluasi.demo"]


class Command(BaseCommand):
    help = "Muat data demo (aman dijalankan berulang kali)."

    def handle(self, *args, **options):
        accounts: list[tuple[str, str]] = []
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            accounts += module.load(self.stdout) or []
        # The demo sets some dates with QuerySet.update (no signal): renew every cached page
        # and dashboard at once rather than within their minute (pelayanan.tembolok).
        from pelayanan import tembolok

        tembolok.naikkan(tembolok.PUBLIK, tembolok.KONSULTASI, tembolok.DASBOR)
        from pelayanan.demo import DEMO_PASSWORD

        self.stdout.write(self.style.SUCCESS("Data demo siap. Akun demo (kata sandi sama untuk semua):"))
        self.stdout.write(f"  kata sandi: {DEMO_PASSWORD}")
        width = max(len(e) for e, _ in accounts)
        for email, role in accounts:
            self.stdout.write(f"  {email.ljust(width)}  {role}")
        from django.conf import settings

        if settings.OTP_WAJIB:
            self.stdout.write(
                self.style.WARNING(
                    "OTP_WAJIB aktif: akun Pembina dan superuser mendaftarkan aplikasi autentikator "
                    "(kode QR) saat pertama kali masuk."
                )
            )
        else:
            self.stdout.write(
                "Verifikasi dua langkah tidak diwajibkan di sini (OTP_WAJIB mati); di produksi "
                "akun Pembina dan superuser wajib memakainya (README, docs/keamanan.md)."
            )
