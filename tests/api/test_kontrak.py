"""Contract tests: schemathesis generates requests from the OpenAPI schema the API serves and
checks every response (no server error, documented status code and content type, body valid
against the schema, positive data accepted, negative data rejected).

Every operation runs as a subtest of one test, so the data (the demo data with its published
SKM periods, plus drafts, hidden comments, superseded and revoked versions, an unpublished SKM
period) is built once; examples are bounded (MAX_EXAMPLES
per operation, derandomised) so that this part stays fast. (Schemathesis' lazy
`pytest.from_fixture` does not run on pytest 9, hence the explicit loop over operations.)
"""

import io

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.api.data import buat_data

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 20
MAX_NEGATIVE = 10


@pytest.fixture
def wsgi_app():
    """The real WSGI application, with the per-request connection closing switched off as
    Django's test client does (it would close the test transaction's connection on
    PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, tanpa_batas, wsgi_app):
    from evaluasi import demo as demo_evaluasi
    from pelayanan import demo as demo_pelayanan
    from standar import demo as demo_standar

    demo_pelayanan.load(io.StringIO())
    demo_standar.load(io.StringIO())
    demo_evaluasi.load(io.StringIO())
    buat_data()
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)


def test_every_operation_conforms_to_the_schema(api_schema, subtests):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 18
    # The SKM results are among them (list and detail).
    assert {"GET /api/v1/skm/", "GET /api/v1/skm/{id}/"} <= {op.label for op in operations}

    # Negative data needs a parameter to spoil: operations without any run positive only.
    runs = [(op, GenerationMode.POSITIVE) for op in operations]
    runs += [(op, GenerationMode.NEGATIVE) for op in operations if op.definition.raw.get("parameters")]
    for operation, mode in runs:
        with subtests.test(msg=f"{operation.label} ({mode.value})"):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=MAX_EXAMPLES if mode == GenerationMode.POSITIVE else MAX_NEGATIVE,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                case.call_and_validate()

            check()
