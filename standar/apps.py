from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandarConfig(AppConfig):
    name = "standar"
    verbose_name = _("Standar pelayanan")
