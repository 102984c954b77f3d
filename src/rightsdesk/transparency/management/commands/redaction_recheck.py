"""``rightsdesk redaction-recheck``: run the current redaction rules over every live published notice.

Run it after an upgrade that adds or sharpens redaction rules (the release notes say so): notices approved under
the older rules are redacted further at once where the new rules find personal data staff did not un-redact, and
return to the redaction queue for review (``transparency.publishing.recheck_published``). It prints counts only.
"""

from __future__ import annotations

from rightsdesk.core.commands import BaseCommand
from rightsdesk.transparency import publishing


class Command(BaseCommand):
    help = ("Run the current redaction rules over the published notices; redact further, and queue for review, what "
            "they find.")

    def handle(self, *args, **options):
        counts = publishing.recheck_published()
        self.stdout.write(f"Checked {counts['checked']} published notices: {counts['redacted_further']} redacted "
                          f"further and back in the redaction queue; {counts['changed']} whose case changed since "
                          "approval (left to their own review).")
