"""Settings for the rightsdesk servers that the failure tests start in a subprocess.

The production settings, with two changes that only make the tests measure
what they mean to measure:

- the per-address limit on public posts is lifted, since every simulated
  requester of the load test comes from 127.0.0.1 (the limit itself is tested
  in tests/intake);
- mail goes to a file-less in-memory backend, because no worker runs in these
  servers and nothing must try to reach a real SMTP server.
"""

from rightsdesk.settings import *  # noqa: F401,F403

RIGHTSDESK_INTAKE = {"RATE_LIMIT": 1_000_000}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RIGHTSDESK_REQUIRE_2FA = True
