"""rightsdesk's benchmarks: realistic data at 10k / 100k / 1M cases, and the hot paths measured on it.

Run them with ``rightsdesk bench --size 10k --out bench.json`` (see bench/README.md).
The package lives at the repository root, not in the installed ``rightsdesk``
package: it is a tool for developers and operators, and it is only ever run
against a throwaway database that the ``bench`` command creates for the run.
"""
