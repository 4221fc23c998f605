import os

import pytest
from hypothesis import settings

# Property tests run the same examples on every run (CI must not fail on a draw it never made
# before); set BETAREADER_HYPOTHESIS=explore for fresh random examples while developing.
settings.register_profile("fixed", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("BETAREADER_HYPOTHESIS", "fixed"))

# No disk cache (tests/engine/test_diskcache.py turns it on in a folder of its own): a test's tags
# never depend on what an earlier run left behind, and no test writes to the user's cache folder.
# Set here, at import, not in a fixture: test modules that check text while they are collected
# would otherwise open the user's tag store before any fixture runs.
os.environ["BETAREADER_CACHE_DIR"] = "off"

from betareader.config import Config
from betareader.engine import Engine


@pytest.fixture(scope="session")
def engine_all():
    return Engine(Config(select=["ALL"]))


@pytest.fixture(autouse=True, scope="session")
def _personal_dictionary(tmp_path_factory):
    """Never read or write the real user's personal dictionary or saved reviews: point every
    test (and every subprocess it starts) at empty ones."""
    import os

    path = tmp_path_factory.mktemp("dictionary") / "dictionary.txt"
    data = tmp_path_factory.mktemp("data")  # and the editor page's store (betareader serve)
    old = {k: os.environ.get(k) for k in ("BETAREADER_DICTIONARY", "BETAREADER_DATA_DIR")}
    os.environ["BETAREADER_DICTIONARY"] = str(path)
    os.environ["BETAREADER_DATA_DIR"] = str(data)
    yield path
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
