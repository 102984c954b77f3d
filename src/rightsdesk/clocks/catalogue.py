"""The words of the shipped rules (migrations/0002_default_rules), marked for translation.

The rules are data, stored in English; the case page shows a rule's name and step through gettext, so the
shipped ones appear translated and a rule staff wrote themselves appears as written.
"""

from django.utils.translation import gettext_noop

SHIPPED = [
    gettext_noop("Copyright counter-notice: restore the material"),
    gettext_noop("Counter-notice period over: restore the items unless a lawsuit by the claimant was recorded on "
                 "the case."),
    gettext_noop("Data-subject request: answer within one month"),
    gettext_noop("Answer the data subject, or extend by two months telling them why."),
    gettext_noop("Terrorist content removal order: remove within one hour"),
    gettext_noop("Remove the content or disable access to it in every member state, and tell the authority."),
    gettext_noop("NetzDG complaint: manifestly unlawful content within 24 hours"),
    gettext_noop("If the content is manifestly unlawful, remove or block it now."),
    gettext_noop("NetzDG complaint: unlawful content within 7 days"),
    gettext_noop("Decide the complaint: remove or block unlawful content."),
    gettext_noop("Preservation request: keep the records 90 days"),
    gettext_noop("Preservation period over: release the preserved records unless the authority renewed the "
                 "request (once, for 90 more days)."),
]
