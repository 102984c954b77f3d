"""``rightsdesk serve``: run the site with waitress, a production-grade pure-Python WSGI server.

Static files are served by WhiteNoise from the package, so nothing else needs
to run. The background-task worker runs in a thread beside it unless
``--no-worker`` is given (in production run ``rightsdesk db_worker`` apart).
"""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve rightsdesk over HTTP (waitress)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="Do not run the task worker in this process.")

    def handle(self, *args, host, port, threads, no_worker, **options):
        from waitress import serve

        from rightsdesk.wsgi import application

        if not no_worker:
            worker = threading.Thread(target=_run_worker, name="rightsdesk-task-worker", daemon=True)
            worker.start()
        self.stdout.write(f"rightsdesk is serving on http://{host}:{port}/  (Ctrl-C stops it)")
        serve(application, host=host, port=port, threads=threads, ident="rightsdesk")


def _run_worker():
    try:
        call_command("db_worker", interval=1.0, verbosity=0)
    except Exception:  # the site keeps serving; the worker's failure is logged by django_tasks
        import logging

        logging.getLogger("rightsdesk.tasks").exception("The background task worker stopped.")
