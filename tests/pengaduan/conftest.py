import pytest

from tests.pengaduan.helpers import Dunia


@pytest.fixture
def dunia(db):
    return Dunia()
