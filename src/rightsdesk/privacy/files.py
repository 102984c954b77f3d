"""Re-sealing encrypted files under the current key: one procedure for every app that stores files
(``privacy_hooks.reseal_files``, run by ``rightsdesk reencrypt``).

Only a file's header is read to learn its key, so files already under the current key (and a dry run) cost one
small read. A file to re-seal is written anew first and its row pointed at it in a transaction; only then is the old
file deleted, so a crash leaves at worst an orphaned old file, never a row without its file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction

from . import crypto


def reseal_file_field(rows: Iterable, field_name: str, label: str, *, current_key: str, dry_run: bool,
                      counts: Counter) -> int:
    """Re-seal ``row.<field_name>`` of each row not under ``current_key``; counts the files per key found (in
    ``counts``) and returns how many were (or, in a dry run, would be) re-sealed. ``label`` names the rows in errors."""
    resealed = 0
    for row in rows:
        stored_file = getattr(row, field_name)
        if not stored_file:
            continue
        with stored_file.open("rb") as stored:
            header = stored.read(len(crypto.FILE_MAGIC) + crypto.KEY_ID_LENGTH)
            key = crypto.key_id_of(header) or "plaintext"
            counts[key] += 1
            if key == current_key:
                continue
            resealed += 1
            if dry_run:
                continue
            blob = header + stored.read()
        try:
            contents = crypto.decrypt_bytes(blob)
        except crypto.DecryptionError as error:
            raise crypto.DecryptionError(f"{label} {row.pk}: {error}") from None
        old_name = stored_file.name
        stored_file.save(field_name, ContentFile(crypto.encrypt_bytes(contents)), save=False)
        with transaction.atomic():
            type(row).objects.filter(pk=row.pk).update(**{field_name: stored_file.name})
        stored_file.storage.delete(old_name)
    return resealed
