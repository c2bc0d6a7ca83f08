from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PelayananConfig(AppConfig):
    name = "pelayanan"
    verbose_name = _("Inti: organisasi, pengguna, kalender")

    def ready(self):
        from pelayanan import dua_langkah, keamanan  # noqa: F401  (deploy checks, login signal)
