"""The public data page (/<lang>/data/) and its downloads, served from the stored release files.

Public side: reads the releases' descriptors (``catalogue``), never the database.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import catalogue

CONTENT_TYPES = {".gz": "application/gzip", ".parquet": "application/vnd.apache.parquet",
                 ".json": "application/json", ".md": "text/markdown; charset=utf-8"}


#: The tables' titles and descriptions in the reader's language (the descriptor has them in English).
TABLE_TEXT = {
    "notices": (_("Published notices"), _("Every notice in the public notice log: the reviewed, redacted public "
                                          "record of a decided case.")),
    "notice-items": (_("Items of the published notices"),
                     _("Each targeted item of a published notice, as published, and what was done to it.")),
    "notice-instruments": (_("Legal instruments of the published notices"),
                           _("The legal instruments each published notice invokes, one row per pair.")),
    "report-figures": (_("Figures of the period reports"),
                       _("Every figure of the transparency report of each closed half-year, as the public report "
                         "shows it (small counts withheld where the report withholds them).")),
    "cases": (_("De-identified cases"),
              _("One row per request received: its kind, country, requester type, legal instruments, channel, days "
                "and outcome. No free text, names or references.")),
}


def _translated(release):
    if release is None:
        return None
    tables = release.tables()
    for table in tables:
        table["title"], table["description"] = TABLE_TEXT.get(table["name"], (table["title"], table["description"]))
    return {"key": release.key, "created": release.created, "built": release.built, "tables": tables}


@require_safe  # HEAD too: link checkers and download tools ask it first (a size, whether the file is there)
def data_page(request):
    return render(request, "opendata/data_page.html", {
        "latest": _translated(catalogue.latest()), "periods": [_translated(r) for r in catalogue.periods()],
    })


@require_safe
def download(request, release: str, name: str):
    path = catalogue.file_path(release, name)
    if path is None:
        raise Http404("No such file in the open data.")
    content_type = next((t for suffix, t in CONTENT_TYPES.items() if name.endswith(suffix)), "application/octet-stream")
    response = FileResponse(open(path, "rb"), content_type=content_type,
                            as_attachment=not name.endswith((".json", ".md")), filename=name)
    response["Cache-Control"] = "public, max-age=3600"
    return response
