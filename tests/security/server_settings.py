"""Settings for the rightsdesk servers that the failure tests start in a subprocess.

The production settings, with two changes that only make the tests measure
what they mean to measure:

- the per-address limit on public posts is lifted, since every simulated
  requester of the load test comes from 127.0.0.1 (the limit itself is tested
  in tests/intake, and across processes in test_several_processes.py);
- mail goes to a file-less in-memory backend, because no worker runs in these
  servers and nothing must try to reach a real SMTP server.

A test may also set how many items of a batch go in one transaction
(``RIGHTSDESK_TEST_BATCH_CHUNK``), as a deployment can in ``RIGHTSDESK_INTAKE``.
"""

import os

from rightsdesk.settings import *  # noqa: F401,F403

# A test of the limit itself sets RIGHTSDESK_TEST_RATE_LIMIT (tests/security/test_several_processes.py).
RIGHTSDESK_INTAKE = {"RATE_LIMIT": int(os.environ.get("RIGHTSDESK_TEST_RATE_LIMIT", "1000000"))}
if os.environ.get("RIGHTSDESK_TEST_BATCH_CHUNK"):  # tests/security/test_kill_during_batch.py
    RIGHTSDESK_INTAKE["BATCH_CHUNK"] = int(os.environ["RIGHTSDESK_TEST_BATCH_CHUNK"])
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RIGHTSDESK_REQUIRE_2FA = True
