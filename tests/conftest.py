import pytest

from betareader.config import Config
from betareader.engine import Engine


@pytest.fixture(scope="session")
def engine_all():
    return Engine(Config(select=["ALL"]))
