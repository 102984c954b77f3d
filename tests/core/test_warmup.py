"""A server loads its views, templates and catalogues before its first visitor, not during that visitor's request."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.template import engines
from django.test import override_settings

from rightsdesk.core import checkpoints, warmup

CACHED = [{**settings.TEMPLATES[0], "APP_DIRS": False, "OPTIONS": {
    **settings.TEMPLATES[0]["OPTIONS"],
    "loaders": [("django.template.loaders.cached.Loader", ["django.template.loaders.app_directories.Loader"])]}}]


def template_files() -> set[str]:
    from django.template.utils import get_app_template_dirs

    return {path.relative_to(root).as_posix() for root in map(Path, get_app_template_dirs("templates"))
            for pattern in ("*.html", "*.txt") for path in root.rglob(pattern)}


@override_settings(TEMPLATES=CACHED)
def test_every_template_is_compiled_and_kept_and_every_language_loaded_before_the_first_request():
    engine = engines["django"]
    [loader] = engine.engine.template_loaders
    loader.reset()
    done = warmup.warm_up()
    kept = set(loader.get_template_cache)
    assert template_files() <= kept, "each template of the apps is compiled once, at start"
    assert done == {"languages": len(settings.LANGUAGES), "templates": len(template_files())}

    from django.utils.translation import trans_real

    assert {code for code, _ in settings.LANGUAGES} <= set(trans_real._translations)


def test_serve_warms_up_before_it_listens(monkeypatch):
    import waitress

    order = []
    monkeypatch.setattr(warmup, "warm_up", lambda: order.append("warm-up"))
    monkeypatch.setattr(warmup, "settle_heap", lambda: order.append("freeze"))
    monkeypatch.setattr(checkpoints, "take_over", lambda database: order.append("checkpoints"))
    monkeypatch.setattr(waitress, "serve", lambda *args, **kwargs: order.append("listen"))
    call_command("serve", no_worker=True, port=8125, stdout=io.StringIO())
    assert order == ["warm-up", "freeze", "checkpoints", "listen"]


def test_settling_the_heap_freezes_what_the_process_has_loaded_out_of_the_collectors_way():
    import gc

    loaded = {"a module's worth": [object() for _ in range(1000)]}
    try:
        frozen = warmup.settle_heap()
        # A frozen object is still freed when its last reference goes (another thread may drop one at any time),
        # so the count can only have fallen since the freeze; it never grows without another freeze.
        assert 1000 < gc.get_freeze_count() <= frozen
        assert not any(gc.is_tracked(x) and x is loaded for x in gc.get_objects())  # no longer examined
        garbage = []
        garbage.append(garbage)  # a cycle made after the freeze is still collected
        del garbage
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()


def test_a_paused_collector_is_off_during_the_work_and_on_again_after_it_even_after_an_error():
    import gc

    assert gc.isenabled()
    with warmup.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with warmup.collector_paused():
            raise RuntimeError("the work failed")
    except RuntimeError:
        pass
    assert gc.isenabled()


def test_a_collector_that_was_off_already_is_left_off():
    """Only the one that switched the collector off switches it on again: a batch inside another, or a process
    that runs without the collector, keeps it off."""
    import gc

    gc.disable()
    try:
        with warmup.collector_paused():
            with warmup.collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
