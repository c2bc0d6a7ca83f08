import pytest

from tests.api.data import buat_data


@pytest.fixture
def data_api(db):
    return buat_data()


@pytest.fixture
def tanpa_batas(settings):
    """Lift the anonymous throttle (tests make many requests in one go)."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min"},
    }
