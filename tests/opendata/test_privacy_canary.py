"""The privacy canaries of the public notice log, for the bulk files: no private value seeded into the cases
(names, e-mail addresses, phones, postal addresses, IP addresses, identity numbers, account names) appears in
any bulk file, decompressed, in any format, nor on the data page."""

from __future__ import annotations

import gzip
import json

import pytest
from django.urls import reverse

from rightsdesk.opendata import bulk
from tests.transparency.test_privacy_leak import leaks, private_values, seeded  # noqa: F401

from .conftest import utc

pytestmark = pytest.mark.django_db


def test_no_bulk_file_carries_private_data(seeded, tmp_path, client, _data_dir):  # noqa: F811
    assert seeded and private_values()
    bulk.regenerate(now=utc(2026, 12, 3))
    texts = {}
    for release in (_data_dir / "latest", _data_dir / "periods" / "2026-H1"):
        for path in release.iterdir():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            elif path.suffix == ".parquet":
                import pyarrow.parquet as pq

                data = json.dumps(pq.read_table(path).to_pylist(), default=str, ensure_ascii=False).encode()
            texts[f"{release.name}/{path.name}"] = data.decode("utf-8")
    assert len(texts) >= 2 * 15
    # The check can fail: the files do hold the published notices of the seeded cases.
    import csv
    import io

    notices = list(csv.DictReader(io.StringIO(texts["latest/notices.csv.gz"])))
    assert len(notices) == len(seeded) and all(n["body"] for n in notices)
    found = {name: leaks(text) for name, text in texts.items() if leaks(text)}
    assert found == {}
    page = client.get(reverse("opendata:data")).content.decode()
    assert leaks(page) == []
