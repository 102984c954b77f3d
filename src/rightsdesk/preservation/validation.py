"""What staff may type about a preservation: bounded words, never a copy of the user's data."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightsdesk.core.errors import DomainError
from rightsdesk.cases.policy import ACCOUNT_NAME_MAX
from rightsdesk.privacy.redaction import addresses_in

from .models import ACCOUNTS_MAX, DESCRIPTION_MAX, DESCRIPTION_MAX_LINES


def description(text: str, field: str, *, required: bool) -> str:
    """A description of records in words: at most DESCRIPTION_MAX characters on DESCRIPTION_MAX_LINES lines, without
    e-mail or IP addresses (those are the user's data itself: they stay in the systems that hold them)."""
    text = (text or "").strip()
    if not text:
        if required:
            raise DomainError(_("Describe the records in words (which kinds of records, for which period)."),
                              code="description_required", field=field)
        return ""
    if len(text) > DESCRIPTION_MAX or len(text.splitlines()) > DESCRIPTION_MAX_LINES:
        raise DomainError(_("Describe the records in at most %(chars)d characters and %(lines)d lines: a "
                            "description, never a copy of the data.") % {"chars": DESCRIPTION_MAX,
                                                                         "lines": DESCRIPTION_MAX_LINES},
                          code="description_too_long", field=field)
    if addresses_in(text):
        raise DomainError(_("The description contains an e-mail or IP address: that is the user's data itself. "
                          "Describe the records in words (e.g. 'sign-in IP addresses, 1-30 June') and leave the data "
                          "in the systems that hold it."), code="description_has_data", field=field)
    return text


def accounts(text: str) -> list[str]:
    names = []
    for line in (text or "").splitlines():
        name = line.strip()
        if name and name not in names:
            names.append(name)
    if not names:
        raise DomainError(_("Name at least one account, one per line."), code="accounts_required", field="accounts")
    if len(names) > ACCOUNTS_MAX:
        raise DomainError(_("At most %(n)d accounts may be named in one request.") % {"n": ACCOUNTS_MAX},
                          code="too_many_accounts", field="accounts")
    if any(len(name) > ACCOUNT_NAME_MAX for name in names):
        raise DomainError(_("An account name is longer than %(n)d characters: put one account per line.")
                          % {"n": ACCOUNT_NAME_MAX},
                          code="account_too_long", field="accounts")
    return names


def required_text(text: str, field: str, message: str, max_length: int = 300) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(message, code=f"{field}_required", field=field)
    if len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, code=f"{field}_too_long", field=field)
    return text
