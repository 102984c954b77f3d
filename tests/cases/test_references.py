"""A case's reference: the prefix, the year received and seven digits of a 30-letter alphabet without look-alikes
(no 0/O, no 1/I/L), drawn uniformly: every reference is as likely as any other.

The digits are a number below 30**7 read from five random bytes; a draw at or above the largest multiple of 30**7
that five bytes hold is thrown away, so no number is likelier than another (as ``secrets.randbelow`` does).
"""

from __future__ import annotations

import re

import pytest

from rightsdesk.cases import services

pytestmark = pytest.mark.django_db


def draws(*numbers: int) -> bytes:
    return b"".join(n.to_bytes(services._DRAW_BYTES, "big") for n in numbers)


def test_the_limit_is_the_largest_multiple_of_the_number_of_references_that_five_bytes_hold():
    assert services._REFERENCES == 30 ** 7
    assert services._DRAW_LIMIT % services._REFERENCES == 0
    assert services._DRAW_LIMIT <= 256 ** 5 < services._DRAW_LIMIT + services._REFERENCES


@pytest.mark.parametrize("drawn, reference", [
    ([0], "RD-2026-2222222"),                                      # the first digit is the number's last
    ([1], "RD-2026-3222222"),
    ([30 ** 7 - 1], "RD-2026-ZZZZZZZ"),
    ([30 ** 7], "RD-2026-2222222"),                                # below the limit: read modulo 30**7
    ([services._DRAW_LIMIT, 30], "RD-2026-2322222"),               # at the limit: thrown away, the next kept
    ([256 ** 5 - 1, services._DRAW_LIMIT - 1], "RD-2026-ZZZZZZZ"),  # above it too
])
def test_a_draw_is_read_as_seven_digits_and_a_draw_at_or_over_the_limit_is_thrown_away(monkeypatch, drawn, reference):
    monkeypatch.setattr(services.secrets, "token_bytes", lambda size: draws(*drawn).ljust(size, b"\xff"))
    assert services.new_reference(2026) == reference


def test_references_drawn_together_each_name_their_own_year_and_differ():
    years = [2025, 2026] * 500
    references = services.new_references(years)

    assert len(references) == 1000 and len(set(references)) == 1000
    assert all(re.fullmatch(rf"RD-{year}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{{7}}", reference)
               for year, reference in zip(years, references))


def test_when_a_whole_read_is_thrown_away_more_is_read(monkeypatch):
    reads = iter([draws(services._DRAW_LIMIT) * 3, draws(5, 6, 7)])
    monkeypatch.setattr(services.secrets, "token_bytes", lambda size: next(reads)[:size].ljust(size, b"\xff"))
    assert services.new_references([2026, 2026]) == ["RD-2026-7222222", "RD-2026-8222222"]
