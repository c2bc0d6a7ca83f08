"""Nothing private ever appears: walk every GET operation of the generated OpenAPI schema
(every list with every page, every detail of every listed id, and the ids of private rows)
over data that holds drafts, hidden comments, names and e-mail addresses, an unpublished SKM
period, SKM respondents' suggestions and a follow-up's internal note with distinctive
markers, and assert that no response contains any of them."""

import io
import re

import pytest
from openpyxl import load_workbook

from tests.api.data import RAHASIA

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _bersih(text: str, where: str) -> None:
    for nama, penanda in RAHASIA.items():
        assert penanda.casefold() not in text.casefold(), f"{nama} ({penanda}) appears in {where}"


def test_no_secret_in_any_response_of_any_get_operation(client, data_api, tanpa_batas):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    _bersih(str(schema), "the schema")
    paths = {path: ops for path, ops in schema["paths"].items() if "get" in ops}
    assert len(paths) >= 16

    dikunjungi: dict[str, int] = {}
    ids: dict[str, set] = {}
    semua: list[str] = []

    def fetch(url: str, path: str, *, boleh_404: bool = False):
        for accept in (JSON, {"HTTP_ACCEPT": "text/html"}):
            response = client.get(url, **accept)
            assert response.status_code in ((200, 404) if boleh_404 else (200,)), (url, response.status_code)
            _bersih(response.content.decode(), url)
            _bersih(str(response.headers), url)
            semua.append(response.content.decode())
        if response.status_code == 200:
            dikunjungi[path] = dikunjungi.get(path, 0) + 1
        return client.get(url, **JSON)

    # Lists first (every page), collecting the ids for the detail paths.
    for path in paths:
        if "{" in path:
            continue
        url = path + "?page_size=2"
        while url:
            data = fetch(url, path).json()
            rows = data["results"] if isinstance(data, dict) and "results" in data else data
            for row in rows if isinstance(rows, list) else []:
                ids.setdefault(path, set()).add(row.get("id", row.get("kunci")))
            url = data.get("next") if isinstance(data, dict) else None

    # Then every detail: the listed ids and the private ones (which must answer 404).
    for path in paths:
        m = re.fullmatch(r"(.*/)\{(\w+)\}/", path)
        if m is None:
            continue
        daftar = m.group(1)
        nama = daftar.rstrip("/").rsplit("/", 1)[-1]
        for value in ids.get(daftar, set()):
            fetch(path.replace("{" + m.group(2) + "}", str(value)), path)
        for value in data_api.privat.get(nama, []):
            response = client.get(path.replace("{" + m.group(2) + "}", str(value)), **JSON)
            assert response.status_code == 404, (nama, value)
            _bersih(response.content.decode(), path)

    assert set(dikunjungi) == set(paths), set(paths) - set(dikunjungi)
    # The walk did reach the public parts next to the private ones.
    teks = "\n".join(semua)
    for publik in [
        "Mohon jangka waktunya dipersingkat.",
        "Tambahkan kursi roda.",
        "100/2/2026",
        "Peserta FKP",
        "Menempelkan daftar tarif resmi di loket uji.",  # a follow-up of the published SKM period
        "Triwulan IV 2025",
    ]:
        assert publik in teks


def test_no_secret_in_the_docs_and_public_exports(client, data_api):
    unit = data_api.unit.slug
    for url in [
        "/api/v1/docs/",
        "/unduh/katalog.csv",
        "/unduh/katalog.xlsx",
        f"/unduh/unit/{unit}/standar.csv",
        f"/unduh/unit/{unit}/standar.xlsx",
        f"/unduh/unit/{unit}/sippn.csv",
        f"/unduh/unit/{unit}/sippn.xlsx",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith(".xlsx"):
            wb = load_workbook(io.BytesIO(response.content), read_only=True)
            text = "\n".join(
                str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
            )
        else:
            text = response.content.decode("utf-8")
        _bersih(text, url)
        if "standar" in url:
            assert "Penerbitan Akta Uji" in text  # the published standard is there
