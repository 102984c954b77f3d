"""Public transparency pages: the period reports (report_urls) and the public notice log (log_urls).

Two modules so the report and the log can grow apart; one namespace.
"""

from importlib import import_module
from importlib.util import find_spec

app_name = "transparency"
urlpatterns = []
for _module in ("report_urls", "log_urls"):
    _name = f"rightsdesk.transparency.{_module}"
    if find_spec(_name) is not None:
        urlpatterns += import_module(_name).urlpatterns
