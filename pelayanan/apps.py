from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PelayananConfig(AppConfig):
    name = "pelayanan"
    verbose_name = _("Inti: organisasi, pengguna, kalender")
