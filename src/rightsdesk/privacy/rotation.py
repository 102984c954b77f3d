"""Key rotation: re-seal every stored value and file with the current key.

Rotating a key is two steps (docs/operations.md): put the new key first in
``RIGHTSDESK_ENCRYPTION_KEYS`` and restart, so new writes use it; then run
``rightsdesk reencrypt``, which finds every encrypted field of every model
and every encrypted file an app keeps (its ``privacy_hooks.reseal_files``)
and re-seals what is still under an older key — or still plaintext, written
before encryption was switched on. Short secrets an app keeps sealed for one
purpose (``crypto.seal_text``) in its own columns are re-sealed by its
``privacy_hooks.reseal_texts`` (a notice's appeal link between delivery
attempts): a key they still use is an old key in use, not one to remove. When it reports nothing left under other
keys, they can be removed from the environment.

It works in batches, each in its own transaction, and only rewrites what is
not under the current key, so it can be stopped and run again. The rows'
``updated_at`` is left alone: re-sealing changes no one's data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from . import crypto
from .fields import EncryptedTextField
from .hooks import app_label, hook_modules

PLAINTEXT = "plaintext"


@dataclass
class ModelRotation:
    label: str
    rows: int = 0
    resealed: int = 0
    #: Non-empty stored values by the key that sealed them before the run ("plaintext" for unencrypted ones).
    keys_before: Counter = field(default_factory=Counter)


@dataclass
class Rotation:
    current_key: str
    models: list[ModelRotation] = field(default_factory=list)
    #: Files by the key that sealed them before the run, per app hook.
    files: dict[str, Counter] = field(default_factory=dict)
    files_resealed: int = 0
    #: Values sealed for one purpose (crypto.seal_text) by the key that sealed them before the run, per app hook.
    texts: dict[str, Counter] = field(default_factory=dict)
    texts_resealed: int = 0

    @property
    def old_keys_in_use(self) -> set[str]:
        used = set()
        for model in self.models:
            used |= {k for k in model.keys_before if k != self.current_key}
        for counter in [*self.files.values(), *self.texts.values()]:
            used |= {k for k in counter if k != self.current_key}
        return used


def encrypted_models() -> list[tuple[type[models.Model], list[str]]]:
    """Every installed model with encrypted fields, and those fields' names."""
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return sorted(found, key=lambda pair: pair[0]._meta.label_lower)


def reencrypt(*, dry_run: bool = False, batch_size: int = 500) -> Rotation:
    result = Rotation(current_key=crypto.current_key_id())
    for model, names in encrypted_models():
        result.models.append(_reseal_model(model, names, result.current_key, dry_run, batch_size))
    for module in hook_modules():
        reseal = getattr(module, "reseal_files", None)
        if reseal:
            keys_before, resealed = reseal(current_key=result.current_key, dry_run=dry_run)
            result.files[app_label(module)] = keys_before
            result.files_resealed += resealed
        reseal = getattr(module, "reseal_texts", None)
        if reseal:
            keys_before, resealed = reseal(current_key=result.current_key, dry_run=dry_run, batch_size=batch_size)
            result.texts[app_label(module)] = keys_before
            result.texts_resealed += resealed
    return result


def _reseal_model(model, names, current_key, dry_run, batch_size) -> ModelRotation:
    report = ModelRotation(model._meta.label_lower)
    # The raw column next to the decrypted value: a Cast to plain text skips the field's decryption.
    raw = {f"_stored_{name}": Cast(name, models.TextField()) for name in names}
    queryset = model._base_manager.annotate(**raw).order_by("pk")
    last_pk = None
    while True:
        # Read and rewrite a batch in one transaction, its rows locked, so an edit made by the
        # application meanwhile is never overwritten with the value read before it.
        with transaction.atomic():
            page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            if not dry_run:
                page = page.select_for_update()
            try:
                batch = list(page[:batch_size])
            except crypto.DecryptionError as error:
                raise crypto.DecryptionError(f"{report.label}: {error}") from None
            if not batch:
                return report
            last_pk = batch[-1].pk
            stale = []
            for obj in batch:
                report.rows += 1
                sealed_with = [crypto.key_id_of(v) or PLAINTEXT for v in
                               (getattr(obj, f"_stored_{name}") for name in names) if v]
                report.keys_before.update(sealed_with)
                if any(key != current_key for key in sealed_with):
                    stale.append(obj)
            report.resealed += len(stale)
            if stale and not dry_run:
                # The objects hold the decrypted values; saving them seals with the current key.
                model._base_manager.bulk_update(stale, names)
