"""Fill .po files from a translation table and compile them: `python tools/fill_po.py TABLE.py APP [APP...]`.

TABLE.py defines T = {msgid: (ar, es, fr, zh_Hans)}. Entries already translated
are kept; entries missing from the table stay empty (Django falls back to English).
"""

import runpy
import subprocess
import sys
from pathlib import Path

import polib

LANGS = ["ar", "es", "fr", "zh_Hans"]


def main() -> None:
    table = runpy.run_path(sys.argv[1])["T"]
    root = Path(__file__).resolve().parents[1] / "src" / "rightsdesk"
    for app in sys.argv[2:]:
        for index, lang in enumerate(LANGS):
            path = root / app / "locale" / lang / "LC_MESSAGES" / "django.po"
            po = polib.pofile(str(path))
            filled = 0
            for entry in po:
                if entry.msgid in table and not entry.msgstr:
                    entry.msgstr = table[entry.msgid][index]
                    filled += 1
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
            po.save()
            subprocess.run(["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(path)], check=True)
            missing = sum(1 for e in po if not e.msgstr)
            print(f"{app}/{lang}: filled {filled}, untranslated {missing}")


if __name__ == "__main__":
    main()
