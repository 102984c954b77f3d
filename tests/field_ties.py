"""The check every refused hand-written staff form passes: the field in error is ``aria-invalid`` and its
``aria-describedby`` names an element on the page that says what to fix (core's ``field_errors`` tags write both)."""

from __future__ import annotations

import html
import re


def description_of(page: str, field_id: str) -> list[str]:
    """The texts the field's ``aria-describedby`` names, in order (each id must be on the page)."""
    tag = re.search(r'<(?:input|select|textarea)\b[^>]*\bid="%s"[^>]*>' % re.escape(field_id), page)
    assert tag, f"no field #{field_id} on the page"
    tag = tag.group(0)
    assert 'aria-invalid="true"' in tag, f"#{field_id} is refused but not aria-invalid: {tag}"
    described = re.search(r'aria-describedby="([^"]*)"', tag)
    assert described, f"#{field_id} is refused but names no description: {tag}"
    texts = []
    for ref in described.group(1).split():
        element = re.search(r'<(\w+)\b[^>]*\bid="%s"[^>]*>(.*?)</\1>' % re.escape(ref), page, re.S)
        assert element, f"#{field_id}'s aria-describedby names #{ref}, which is not on the page"
        texts.append(html.unescape(re.sub(r"<[^>]+>", " ", element.group(2))).strip())
    return texts


def assert_tied_to(page: str, field_id: str, says: str) -> None:
    """``field_id`` is aria-invalid and described by an element that says ``says`` (some words of the message)."""
    texts = description_of(page, field_id)
    assert any(says in text for text in texts), f"#{field_id} is described by {texts}, none saying {says!r}"
