"""Load, before a server takes its first request, what that request would otherwise load: every view module, every
template, each language's catalogues.

Django loads all three lazily, so the first visitor of a freshly started process waited for them: on a report page
that was about a third of a second of a quiet core, more under load, on top of the page's own work. ``rightsdesk
serve`` calls :func:`warm_up` before it listens; the import of ``rightsdesk.wsgi`` does not (other WSGI servers
and the tests import it where the cost is not wanted; their own preload hooks may call this).

After the warm-up, :func:`settle_heap` takes what the process has loaded out of the cyclic garbage collector's
way: a big request (an API batch of 1,000 notices) otherwise set off full collections that walked every module,
template and model of the application each time, a fifth of the batch's CPU (docs/performance.md §1). Such a
request also holds the collector while it runs (:func:`collector_paused`): its own new objects, thousands of live
dicts and rows, set off collections that examined them again and again (4 % of a batch).
"""

from __future__ import annotations

import gc
import logging
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger("rightsdesk.warmup")


def warm_up() -> dict[str, int]:
    """Import the URLconf's views, compile every template the engines can find, load each language's catalogues.
    Returns how many of each; a template that does not compile is logged by name and skipped (its page reports
    it as it would have)."""
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.urls import get_resolver
    from django.utils.translation import trans_real

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
    templates = 0
    for engine in engines.all():
        for loader in engine.engine.template_loaders:
            for directory in getattr(loader, "get_dirs", lambda: [])():
                root = Path(directory)
                for path in sorted(root.rglob("*.html")) + sorted(root.rglob("*.txt")):
                    name = path.relative_to(root).as_posix()
                    try:
                        engine.get_template(name)
                        templates += 1
                    except (TemplateSyntaxError, TemplateDoesNotExist):
                        logger.warning("template %s does not compile", name)
    return {"languages": len(settings.LANGUAGES), "templates": templates}


def settle_heap() -> int:
    """Collect once, then freeze what is left (``gc.freeze``): the loaded application lives as long as the process,
    so later collections need not walk it again. Garbage is still freed by reference counting, and cycles made by
    requests are still collected; only the frozen objects are no longer examined. Returns how many were frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def prepare_process() -> None:
    """What ``rightsdesk serve`` does before it listens: :func:`warm_up`, then :func:`settle_heap`. The benchmarks call
    the same, so the process they measure requests in is prepared as the server's is."""
    warm_up()  # the first visitor does not wait for imports, templates and catalogues
    settle_heap()  # and later collections do not walk all that again


@contextmanager
def collector_paused():
    """Run a bounded piece of work (an API batch) without the cyclic garbage collector, then let it run again.

    Reference counting still frees what the work drops; only cycles wait until the collector runs again after the
    work. The switch is the process's: a request of another thread that runs meanwhile goes without it as well, for
    as long as the work lasts. When the collector is already off (another batch, or a process that runs without
    it), it is left as it is, so only the one that switched it off switches it on again."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
