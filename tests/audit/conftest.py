"""Every audit test writes its checkpoints to a file of its own and starts with no audit key or auditors set."""

import pytest


@pytest.fixture(autouse=True)
def checkpoint_file(tmp_path, monkeypatch):
    path = tmp_path / "audit-checkpoints.jsonl"
    monkeypatch.setenv("RIGHTSDESK_AUDIT_CHECKPOINT_FILE", str(path))
    monkeypatch.delenv("RIGHTSDESK_AUDIT_KEY", raising=False)
    monkeypatch.delenv("RIGHTSDESK_AUDIT_CHECKPOINT_EMAILS", raising=False)
    monkeypatch.delenv("RIGHTSDESK_AUDIT_CHECKPOINT_LOG", raising=False)
    monkeypatch.delenv("RIGHTSDESK_AUDIT_RESEAL_BROKEN", raising=False)
    return path
