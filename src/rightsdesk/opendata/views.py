"""The public data page (/<lang>/data/) and its downloads, served from the stored release files.

Public side: reads the releases' descriptors (``catalogue``), never the database.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import catalogue

CONTENT_TYPES = {".gz": "application/gzip", ".parquet": "application/vnd.apache.parquet",
                 ".json": "application/json", ".md": "text/markdown; charset=utf-8"}


@require_GET
def data_page(request):
    return render(request, "opendata/data_page.html", {
        "latest": catalogue.latest(), "periods": catalogue.periods(),
    })


@require_GET
def download(request, release: str, name: str):
    path = catalogue.file_path(release, name)
    if path is None:
        raise Http404("No such file in the open data.")
    content_type = next((t for suffix, t in CONTENT_TYPES.items() if name.endswith(suffix)), "application/octet-stream")
    response = FileResponse(open(path, "rb"), content_type=content_type,
                            as_attachment=not name.endswith((".json", ".md")), filename=name)
    response["Cache-Control"] = "public, max-age=3600"
    return response
