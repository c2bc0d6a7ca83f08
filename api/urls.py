"""URLs of the open-data API under /api/v1/: the resources, the OpenAPI schema and its docs.

The docs page (Swagger UI) loads its JavaScript and CSS from drf-spectacular-sidecar's
static files, never from a CDN: it works without internet. (No Redoc page: drf-spectacular's
Redoc template loads web fonts from Google.)
"""

import importlib.util

from django.urls import include, path, re_path, reverse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import views
from api.caching import CacheMixin

app_name = "api"


# Public complaint statistics come from the complaints app, when it has its statistics service.
STATISTIK_PENGADUAN = importlib.util.find_spec("pengaduan.statistik") is not None


class Akar(CacheMixin, DefaultRouter.APIRootView):
    """API data terbuka portal: satu tautan per sumber daya. Dokumentasi: /api/v1/docs/."""

    def get_view_name(self):
        return "API data terbuka"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if STATISTIK_PENGADUAN:
            response.data["statistik-pengaduan"] = request.build_absolute_uri(
                reverse("api:statistik_pengaduan")
            )
        return response


class Router(DefaultRouter):
    APIRootView = Akar


router = Router()
router.register("komponen", views.KomponenViewSet, basename="komponen")
router.register("instansi", views.InstansiViewSet, basename="instansi")
router.register("unit", views.UnitViewSet, basename="unit")
router.register("layanan", views.LayananViewSet, basename="layanan")
router.register("standar", views.StandarViewSet, basename="standar")
router.register("versi", views.VersiViewSet, basename="versi")
router.register("maklumat", views.MaklumatViewSet, basename="maklumat")
router.register("konsultasi", views.PutaranViewSet, basename="konsultasi")
router.register("skm", views.PeriodeSkmViewSet, basename="skm")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Split view: Swagger UI's start-up code is served as a script URL (no inline <script>, CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
if STATISTIK_PENGADUAN:
    from api.pengaduan import StatistikPengaduanView

    urlpatterns.append(
        path("statistik-pengaduan/", StatistikPengaduanView.as_view(), name="statistik_pengaduan")
    )
urlpatterns += [
    path("", include(router.urls)),
    re_path(r"^", views.tidak_ditemukan),  # any other path under /api/v1/: a JSON 404
]
