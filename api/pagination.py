"""Page-number pagination of every list: `page` and `page_size` (at most 100, larger values
are lowered to 100). A `page_size` that is not a whole number of at least 1 answers 400
(empty: the default); a `page` past the end answers 404."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Halaman(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    page_size_query_description = "Jumlah hasil per halaman (bawaan 25, paling banyak 100)."
    page_query_description = "Nomor halaman (mulai dari 1)."
    max_page_size = 100
    page_query_param = "page"

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise ValidationError({self.page_size_query_param: ["Tulis bilangan bulat 1–100."]})
        return min(int(raw), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for p in parameters:
            p["schema"] = {**p["schema"], "minimum": 1}
        return parameters
