"""OpenAPI generation: every operation also documents the errors it can answer with, and
query parameters admit the empty string (ignored, as django-filter does).

A list answers 400 for an invalid filter value and 404 for a page past the end; a detail
answers 404 for an unknown id; every operation may answer 429 when the client is throttled.
Documenting them keeps the schema honest (the contract tests check every status code).
"""

from drf_spectacular.openapi import AutoSchema

GALAT = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
GALAT_SARINGAN = {
    "type": "object",
    "description": "Per parameter: alasan nilainya ditolak.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


# An empty query parameter (`?status=`, as an HTML form sends it) means "no filter".
KOSONG = {"type": "string", "enum": [""]}


def _boleh_kosong(parameter: dict) -> dict:
    """The parameter's schema, also admitting the empty string it is ignored for."""
    schema = parameter.get("schema") or {}
    if parameter.get("in") != "query" or "$ref" in schema:
        return parameter
    if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
        return parameter  # any text, the empty one included
    if "enum" in schema:
        return {**parameter, "schema": {**schema, "enum": ["", *schema["enum"]]}}
    return {**parameter, "schema": {"anyOf": [schema, KOSONG]}}


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class PortalAutoSchema(AutoSchema):
    def _get_parameters(self):
        return [_boleh_kosong(p) for p in super()._get_parameters()]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response" or self.method != "GET":
            return responses
        if "200" in responses and not responses["200"].get("description"):
            responses["200"]["description"] = "Berhasil."
        if self._is_list_view():
            responses.setdefault("400", _json("Nilai parameter saringan tidak sah.", GALAT_SARINGAN))
            responses.setdefault("404", _json("Halaman tidak ada.", GALAT))
        elif "{" in self.path:
            responses.setdefault("404", _json("Tidak ditemukan (atau tidak publik).", GALAT))
        responses.setdefault("429", _json("Terlalu banyak permintaan; coba lagi nanti.", GALAT))
        return responses
