from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluasiConfig(AppConfig):
    name = "evaluasi"
    verbose_name = _("Evaluasi")

    def ready(self):
        from evaluasi import dasbor

        dasbor.hubungkan()  # the cached dashboard figures follow every change
