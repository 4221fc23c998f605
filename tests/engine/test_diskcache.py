"""The disk cache (diskcache.py), the tag store (analysis/tagstore.py) and ``betareader cache``."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from betareader import diskcache
from betareader.analysis import tagger, tagstore

needs_model = pytest.mark.skipif(not tagger.available(), reason="spaCy or its model is not installed")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_on(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BETAREADER_CACHE_DIR", str(folder))
    tagstore.close()
    yield folder
    tagstore.close()


def test_built_once_then_read_back(cache_on):
    calls = []

    def build():
        calls.append(1)
        return {"forms": ["walk", "walked"], "n": 2}

    key = diskcache.fingerprint(b"data v1")
    assert diskcache.load_or_build("thing", key, build) == {"forms": ["walk", "walked"], "n": 2}
    assert diskcache.load_or_build("thing", key, build) == {"forms": ["walk", "walked"], "n": 2}
    assert calls == [1]
    assert [p.name for p in (cache_on / "data").iterdir()] == [f"thing-{key}.pickle"]
    # other data (or another builder, another version): a new entry, the old one removed
    key2 = diskcache.fingerprint(b"data v2")
    assert key2 != key
    diskcache.load_or_build("thing", key2, build)
    assert calls == [1, 1]
    assert [p.name for p in (cache_on / "data").iterdir()] == [f"thing-{key2}.pickle"]


def test_a_damaged_entry_is_rebuilt(cache_on):
    key = diskcache.fingerprint(b"x")
    diskcache.load_or_build("thing", key, lambda: [1, 2, 3])
    (cache_on / "data" / f"thing-{key}.pickle").write_bytes(b"\x80\x05not a pickle")
    assert diskcache.load_or_build("thing", key, lambda: [1, 2, 3]) == [1, 2, 3]
    assert diskcache.load_or_build("thing", key, lambda: 1 / 0) == [1, 2, 3], "rewritten whole"


@pytest.mark.parametrize("value", ["off", "0", ""])
def test_off_builds_every_time_and_writes_nothing(tmp_path, monkeypatch, value):
    monkeypatch.setenv("BETAREADER_CACHE_DIR", value)
    calls = []
    for _ in range(2):
        diskcache.load_or_build("thing", "k", lambda: calls.append(1) or 5)
    assert calls == [1, 1] and diskcache.cache_dir() is None
    assert diskcache.usage() == (None, 0, 0) and diskcache.clear() == 0


def test_an_unwritable_folder_is_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BETAREADER_CACHE_DIR", str(blocker / "cache"))
    assert diskcache.load_or_build("thing", "k", lambda: [7]) == [7]


def test_the_bundled_structures_are_the_same_read_back(cache_on):
    from betareader.analysis.verbs import _build, verb_forms
    from betareader.craft import phrases
    from betareader.spelling import policy

    verb_forms.cache_clear()
    built = verb_forms()
    verb_forms.cache_clear()
    again = verb_forms()
    assert again is not built and again.forms == built.forms and again.past == built.past
    assert again.noun_plural == built.noun_plural
    assert again.forms == _build(diskcache.data_bytes("grammar", "verb_forms.txt")).forms
    policy._common.cache_clear()
    common = policy._common()
    policy._common.cache_clear()
    assert policy._common().by_len == common.by_len == policy._Common().by_len
    old, phrases._DATA = phrases._DATA, None
    try:
        first = phrases.data()
        phrases._DATA = None
        second = phrases.data()
        text = "her heart skipped a beat and she let out a breath she didn't know she was holding"
        assert list(first.automaton.iter(text)) == list(second.automaton.iter(text)) != []
        assert second.patterns == first.patterns
    finally:
        phrases._DATA = old
    names = sorted(p.name.split("-")[0] for p in (cache_on / "data").iterdir())
    assert names == ["cliches", "common_by_length", "verb_forms"]


@needs_model
def test_tags_are_kept_on_disk_and_read_back(cache_on, monkeypatch):
    texts = ["The dog wagged it's tail at the door.", "They're house stood on the hill."]
    monkeypatch.setattr(tagger._State, "cache", type(tagger._State.cache)())
    tagger.reset_stats()
    first = tagger.tag_texts(texts)
    assert tagger.stats()["windows_tagged"] == 2 and tagger.stats()["windows_from_disk"] == 0
    monkeypatch.setattr(tagger._State, "cache", type(tagger._State.cache)())  # a new process
    tagstore.close()
    second = tagger.tag_texts(texts)
    assert second == first
    assert tagger.stats()["windows_tagged"] == 2 and tagger.stats()["windows_from_disk"] == 2
    stored = list(cache_on.glob("tags-*.sqlite"))
    assert len(stored) == 1
    # nothing of the text is in the file: only hashes and tags
    assert b"wagged" not in stored[0].read_bytes() and b"hill" not in stored[0].read_bytes()


@needs_model
def test_another_model_never_answers(cache_on, monkeypatch):
    tagger.tag_texts(["She walked home alone."])
    tagstore.close()
    monkeypatch.setattr(tagstore, "_versions", lambda: b"spacy 9 / another model")
    assert tagstore.get_many(["She walked home alone."]) == {}
    assert len(list(cache_on.glob("tags-*.sqlite"))) == 1, "the other model's file is removed"


def test_a_broken_store_turns_itself_off(cache_on):
    cache_on.mkdir(parents=True)
    tagstore.close()
    key = tagstore.store_key()
    (cache_on / f"tags-{key}.sqlite").write_bytes(b"this is not a database" * 100)
    tagstore.put_many([("a window", ((0, 1, "DT"),))])
    assert tagstore.get_many(["a window"]) == {}
    assert tagstore.stats()["off"]


def _run(args, env_extra, cwd):
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), **env_extra)
    env.pop("BETAREADER_NO_TAGGER", None)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


PROBE = """
import json, sys
from betareader.analysis import tagger
from betareader.engine import Engine
from betareader.config import Config
tagger.hint_helper()
res = Engine(Config(select=["GRM"])).check_text(open(sys.argv[1]).read())
print(json.dumps({"findings": [(f.code, f.start, f.end) for f in res.findings],
                  "spacy": "spacy" in sys.modules, "helper": tagger._State.worker_windows,
                  "disk": tagger.stats()["windows_from_disk"]}))
"""


@needs_model
def test_a_recheck_reads_the_tags_from_disk_and_never_loads_spacy(tmp_path):
    story = tmp_path / "chapter.txt"
    para = ("The dog wagged it's tail at there door, and the wind made it's shutters bang. "
            "She was taller then her brother, but the two of them walked home in the rain. ")
    story.write_text("\n\n".join([para * 4] * 12), encoding="utf-8")  # 1,400 words
    env = {"BETAREADER_CACHE_DIR": str(tmp_path / "cache")}
    first = json.loads(_run(["-c", PROBE, str(story)], env, tmp_path).stdout)
    second = json.loads(_run(["-c", PROBE, str(story)], env, tmp_path).stdout)
    assert first["findings"] == second["findings"] and {c for c, _, _ in first["findings"]} >= {"GRM006", "GRM011"}
    # the first run's tags came from the helper process (a chapter, a one-shot run, two cores)
    assert first["helper"] > 0 or (os.cpu_count() or 1) < 2
    assert second["disk"] > 0 and not second["spacy"] and second["helper"] == 0


def test_the_cache_command_shows_and_clears_only_its_own_files(tmp_path):
    folder = tmp_path / "cache"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "verb_forms-abc.pickle").write_bytes(b"x" * 10)
    (folder / "tags-abc.sqlite").write_bytes(b"y" * 20)
    (folder / "notes.txt").write_text("the user's own file")
    env = {"BETAREADER_CACHE_DIR": str(folder)}
    shown = _run(["-m", "betareader", "cache"], env, tmp_path)
    assert shown.returncode == 0 and "2 file(s)" in shown.stdout and str(folder) in shown.stdout
    cleared = _run(["-m", "betareader", "cache", "--clear"], env, tmp_path)
    assert cleared.returncode == 0 and "removed 2 file(s)" in cleared.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    off = _run(["-m", "betareader", "cache"], {"BETAREADER_CACHE_DIR": "off"}, tmp_path)
    assert "off" in off.stdout
