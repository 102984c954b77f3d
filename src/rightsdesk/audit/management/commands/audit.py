"""``rightsdesk audit verify|checkpoint|reseal``: the hash chains of the case history and the audit trail.

- ``verify`` walks each chain with the keyed hash and checks it against every
  checkpoint in the checkpoint file (and in the files given with
  ``--checkpoints``); it names the first broken link of each chain and exits
  non-zero on any break.
- ``checkpoint`` copies each chain's head, signed, to the file, the log and the
  auditors' e-mail (:mod:`rightsdesk.audit.checkpoint`); run it from cron.
- ``reseal`` re-seals the chains under the current key after a change of key,
  once they verify under the old one.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand
from rightsdesk.audit import checkpoint as checkpointing
from rightsdesk.audit.chain import (ChainBroken, all_chains, chain_key, chain_models, key_from, reseal, using_derived_key,
                                    verify)


class Command(BaseCommand):
    help = "Verify the tamper-evident hash chains (case history, audit trail), checkpoint their heads, or re-seal them."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint", "reseal"])
        parser.add_argument("--checkpoints", action="append", default=[], metavar="FILE",
                            help="verify: also check against the checkpoints in FILE (a copy of the checkpoint file, "
                                 "or a checkpoint e-mail saved as text); may be repeated.")
        parser.add_argument("--old-key-env", metavar="NAME",
                            help="reseal: the environment variable holding the previous RIGHTSDESK_AUDIT_KEY.")
        parser.add_argument("--old-secret-key-env", metavar="NAME",
                            help="reseal: the environment variable holding the previous SECRET_KEY (the chains were "
                                 "keyed from it while RIGHTSDESK_AUDIT_KEY was unset).")

    def handle(self, *args, action, **options):
        getattr(self, action)(**options)

    # --- verify --------------------------------------------------------------------------------------------------
    def verify(self, checkpoints: list, **options):
        for path in checkpoints:
            if not Path(path).is_file():
                raise CommandError(f"No checkpoint file {path}.")
        default = checkpointing.checkpoint_file()
        paths = ([default] if default is not None else []) + [Path(path) for path in checkpoints]
        stored = checkpointing.read(list(dict.fromkeys(paths)))  # a file named twice is read once
        broken = 0
        for name, queryset in all_chains():
            mine = stored.for_chain(name)
            problem = verify(queryset, name, checkpoints=mine)
            if problem:
                broken += 1
                self.stderr.write(f"BROKEN {problem}")
                continue
            newest = stored.newest(name)
            against = (f"agrees with {len(mine)} checkpoint(s), the newest of {newest.at} ({newest.length} entries)"
                       if newest else "no checkpoint of it to compare with")
            self.stdout.write(f"ok {name}: {queryset.count()} entries, chain intact; {against}")
        for line in stored.forged:
            broken += 1
            self.stderr.write(f"BROKEN checkpoint {line}")
        for line in stored.failed_files:
            broken += 1
            self.stderr.write(f"FAILED could not read checkpoint file {line}: the chains were not checked against it")
        for path in dict.fromkeys(Path(path) for path in checkpoints):
            if path in stored.without_checkpoints:  # named by the operator, so they believe it was checked
                broken += 1
                self.stderr.write(f"FAILED {path} holds no checkpoint (no line of JSON as `rightsdesk audit checkpoint` "
                                  "writes them): the chains were not checked against it. Give the checkpoint file, or "
                                  "a checkpoint e-mail saved as plain text")
        for line in stored.unreadable:
            self.stderr.write(f"warning: unreadable checkpoint {line}")
        if stored.other_key:
            self.stderr.write(f"note: {stored.other_key} checkpoint(s) signed with another audit key (older than a "
                              "reseal, or made up) were not used")
        if default is not None and default in stored.missing_files:
            self.stderr.write(f"note: no checkpoint file at {default}: the chains were checked against "
                              "themselves only; run `rightsdesk audit checkpoint` regularly")
        if broken:
            raise CommandError(f"{broken} problem(s): the chain(s) or checkpoint(s) listed above are broken at the "
                               "place named (the first broken link of each chain).")

    # --- checkpoint ----------------------------------------------------------------------------------------------
    def checkpoint(self, **options):
        run = checkpointing.write()
        self.report(run)

    def report(self, run):
        for checkpoint in run.checkpoints:
            self.stdout.write(f"checkpoint {checkpoint.chain}: {checkpoint.length} entries, newest entry "
                              f"{checkpoint.last_id}, hash {checkpoint.last_hash[:16]}…")
        for problem in run.broken:
            self.stderr.write(f"BROKEN {problem} (no checkpoint taken of this chain)")
        if run.delivered:
            self.stdout.write("written to: " + ", ".join(run.delivered))
        for failure in run.failed:
            self.stderr.write(f"FAILED {failure}")
        if not run.ok:
            raise CommandError("The checkpoint is incomplete: see above.")

    # --- reseal --------------------------------------------------------------------------------------------------
    def reseal(self, old_key_env, old_secret_key_env, **options):
        old_keys = []
        if old_key_env:
            old_keys.append(key_from(_required_env(old_key_env)))
        if old_secret_key_env:
            old_keys.append(key_from("", _required_env(old_secret_key_env)))
        if not old_keys:
            if using_derived_key():
                raise CommandError("Name the previous key: --old-key-env NAME or --old-secret-key-env NAME.")
            old_keys.append(key_from("", settings.SECRET_KEY))  # RIGHTSDESK_AUDIT_KEY was just set
        stored = checkpointing.read(keys=(*old_keys, chain_key()))
        failed = 0
        for name, model in chain_models().items():
            try:
                length = reseal(model, name, old_keys, checkpoints=stored.for_chain(name))
            except ChainBroken as error:
                failed += 1
                self.stderr.write(f"BROKEN {error.problem} (not re-sealed; nothing of this chain was changed)")
                continue
            self.stdout.write(f"resealed {name}: {length} entries under the current key")
        if failed:
            raise CommandError(f"{failed} chain(s) did not verify under the old or the current key and were left as "
                               "they were.")
        self.report(checkpointing.write())


def _required_env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value.strip():
        raise CommandError(f"The environment variable {name} is not set.")
    return value
