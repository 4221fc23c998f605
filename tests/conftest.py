import os

import pytest
from hypothesis import settings

# Property tests run the same examples on every run (CI must not fail on a draw it never made
# before); set BETAREADER_HYPOTHESIS=explore for fresh random examples while developing.
settings.register_profile("fixed", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("BETAREADER_HYPOTHESIS", "fixed"))

from betareader.config import Config
from betareader.engine import Engine


@pytest.fixture(scope="session")
def engine_all():
    return Engine(Config(select=["ALL"]))


@pytest.fixture(autouse=True, scope="session")
def _personal_dictionary(tmp_path_factory):
    """Never read or write the real user's personal dictionary: point every test (and every
    subprocess it starts) at an empty one."""
    import os

    path = tmp_path_factory.mktemp("dictionary") / "dictionary.txt"
    old = os.environ.get("BETAREADER_DICTIONARY")
    os.environ["BETAREADER_DICTIONARY"] = str(path)
    yield path
    if old is None:
        os.environ.pop("BETAREADER_DICTIONARY", None)
    else:
        os.environ["BETAREADER_DICTIONARY"] = old
