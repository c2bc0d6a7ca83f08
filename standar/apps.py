from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandarConfig(AppConfig):
    name = "standar"
    verbose_name = _("Standar pelayanan")

    def ready(self) -> None:
        # The consultation rules guard two workflow steps (UU 25/2009 Pasal 20(2)).
        from standar import konsultasi, workflow

        workflow.add_guard("tetapkan", konsultasi.gate_penetapan)
        # Cached public pages are invalidated by changes to what they show (pelayanan.tembolok).
        from pelayanan import tembolok

        tembolok.hubungkan()
