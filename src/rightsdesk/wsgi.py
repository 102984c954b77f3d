"""WSGI entry point, served by waitress through ``rightsdesk serve``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")
application = get_wsgi_application()
