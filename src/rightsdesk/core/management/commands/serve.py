"""``rightsdesk serve``: run the site with waitress, a production-grade pure-Python WSGI server.

Static files are served by WhiteNoise from the package, so nothing else needs
to run. The background-task worker runs in a thread beside it unless
``--no-worker`` is given (in production run ``rightsdesk db_worker`` apart).

Behind a reverse proxy (docs/operations.md), the proxies in
``RIGHTSDESK_TRUSTED_PROXIES`` may say the client used HTTPS (core/proxies.py).
Idle keep-alive connections do not lock the server up: waitress allows
``RIGHTSDESK_CONNECTION_LIMIT`` connections (default 1000, not waitress's 100)
and waits on them with poll(), which has no 1024-descriptor ceiling. On SQLite
the log's checkpoints are made by a thread, not by requests (core/checkpoints.py).
"""

import os
import threading

from django.conf import settings
from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand
from rightsdesk.core import checkpoints
from rightsdesk.core.errors import DomainError
from rightsdesk.core.proxies import behind_trusted_proxies, parse_trusted


def use_local_base_url(host: str, port: int) -> str:
    """Links in e-mails (tracking, appeal) point at this server, unless RIGHTSDESK_PUBLIC_BASE_URL says otherwise.

    Without it, a demo or a laptop served on another port than 8000 would send links to a server that is not there.
    """
    if os.environ.get("RIGHTSDESK_PUBLIC_BASE_URL"):
        return settings.RIGHTSDESK["PUBLIC_BASE_URL"]
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "PUBLIC_BASE_URL": f"http://{shown}:{port}"}
    return settings.RIGHTSDESK["PUBLIC_BASE_URL"]


class Command(BaseCommand):
    help = "Serve rightsdesk over HTTP (waitress)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--connection-limit", type=int, default=settings.RIGHTSDESK_CONNECTION_LIMIT,
                            help="Open connections allowed at once, idle keep-alive ones included.")
        parser.add_argument("--no-worker", action="store_true", help="Do not run the task worker in this process.")

    def handle(self, *args, host, port, threads, no_worker, connection_limit, **options):
        from waitress import serve

        from rightsdesk.wsgi import application

        try:
            proxies = parse_trusted(settings.RIGHTSDESK_TRUSTED_PROXIES)
        except DomainError as error:
            raise CommandError(error.message) from error
        use_local_base_url(host, port)
        from rightsdesk.core.warmup import prepare_process

        prepare_process()  # warmed up and its heap frozen before the first request
        checkpoints.take_over(settings.DATABASES["default"])  # SQLite: no request copies the log back (a thread does)
        if not no_worker:
            worker = threading.Thread(target=_run_worker, name="rightsdesk-task-worker", daemon=True)
            worker.start()
        self.stdout.write(f"rightsdesk is serving on http://{host}:{port}/  (Ctrl-C stops it)")
        serve(behind_trusted_proxies(application, proxies), host=host, port=port, threads=threads, ident="rightsdesk",
              connection_limit=connection_limit, asyncore_use_poll=True, channel_timeout=60,
              # The forwarded headers are handled by behind_trusted_proxies, per peer.
              clear_untrusted_proxy_headers=False)


def _run_worker():
    """django-tasks-db's worker loop, in a thread: without db_worker's signal handlers,
    which only the main thread may install (waitress handles Ctrl-C there)."""
    import logging

    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(queue_names=["*"], interval=1.0, batch=False, backend_name="default", startup_delay=True,
                    max_tasks=None, worker_id=f"serve-{get_random_string(12)}", excluded_queue_names=[])
    try:
        worker.run()
    except Exception:  # the site keeps serving; the failure is logged
        logging.getLogger("rightsdesk.tasks").exception("The background task worker stopped.")
