"""The period report's preservation requests (18 U.S.C. § 2703(f) and the like), counted as Wikimedia's transparency
reports count them: requests received, accounts named (a count, never a name), requests where records were
preserved, renewals, releases, refusals; and the same by the authority's country.

The counts come from the preservation app's selector (preservation.selectors.counts_for_report), never from the
accounts themselves; small counts are withheld by reports/disclosure.py like every other table (the country table is
sensitive: protected in every range that is not a standard period, like the user-data requests' countries).
docs/report-format.md describes the rows.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_countries import countries

from rightsdesk.preservation.selectors import counts_for_report

from .periods import Period
from .structure import Column, Row, Section, Table

#: The by-country columns, in order (the summary's rows of the same keys add them up; refusals are in the summary).
COUNTRY_COLUMNS = ("received", "accounts", "preserved", "renewed", "released")


def _country(code: str) -> str:
    return str(countries.name(code) or code) if code else _("Not known")


def preservation_section(period: Period) -> Section:
    counts = counts_for_report(period.start, period.end)
    total = counts["total"]
    labels = {
        "received": _("Preservation requests received"),
        "accounts": _("Accounts named in the requests"),
        "preserved": _("Requests where records were preserved"),
        "renewed": _("Preservations renewed"),
        "released": _("Preservations released"),
        "refused": _("Requests refused"),
    }
    columns = {"received": _("Requests"), "accounts": _("Accounts named"), "preserved": _("Records preserved"),
               "renewed": _("Renewed"), "released": pgettext("preservation requests", "Released")}
    return Section("preservation", _("Preservation requests"), _(
        "Requests from authorities to keep the records of named accounts while they obtain legal process (such as "
        "18 U.S.C. § 2703(f)): records are kept for 90 days, renewable once for 90 more, then released. Nothing is "
        "disclosed on a preservation request; a demand for the records is a request for user information."), [
        Table("summary", _("Requests and what was done"), [Column("count", _("Count"))],
              [Row(key, str(label), {"count": total[key]}) for key, label in labels.items()],
              note=_("Requests received in the period, and what became of them so far. Accounts are counted, "
                     "never named.")),
        Table("by_country", _("By country of the requesting authority"),
              [Column(key, str(label)) for key, label in columns.items()],
              [Row(code or "unknown", _country(code), {key: values[key] for key in COUNTRY_COLUMNS})
               for code, values in counts["by_country"].items()]),
    ])
