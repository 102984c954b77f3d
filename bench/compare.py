"""Growth across sizes: ``python -m bench.compare bench-10k.json bench-100k.json bench-1M.json``.

Prints a Markdown table of the headline figures of each run side by side,
and for each figure the growth factor from the smallest to the largest run
beside the growth of the data (cases), so "linear" can be read off: a
factor equal to the data's growth is linear, a factor near 1 is constant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def headline(data: dict) -> dict[str, float | None]:
    out: dict[str, float | None] = {"cases": data["meta"]["rows"]["cases"], "notices": data["meta"]["rows"]["notices"],
                                    "datagen s": data["meta"]["datagen_seconds"]}
    if "intake" in data:
        i = data["intake"]
        out["intake notices/s (API)"] = i["api"]["notices_per_s"]
        out["intake notices per CPU-s (API)"] = i["api"].get("notices_per_cpu_s")
        out["intake notices/s (floor)"] = i["floor"]["notices_per_s"]
        out["intake share of floor"] = i["ratio_to_floor"]
    if "search" in data:
        for name, q in data["search"]["queries"].items():
            out[f"search {name} p95 ms"] = q["service"]["p95_ms"]
            out[f"search {name} CPU ms (mean)"] = q["service"].get("cpu_mean_ms")
            out[f"search {name} raw p95 ms"] = q["raw_sql"]["p95_ms"]
            if "raw_sql_fts_order" in q:
                out[f"search {name} raw FTS-order p95 ms"] = q["raw_sql_fts_order"]["p95_ms"]
            out[f"search {name} API p95 ms"] = q["api"]["p95_ms"]
    if "report" in data:
        for key, r in data["report"].items():
            out[f"report {key} s"] = r["real"]["seconds"]
            out[f"report {key} CPU s"] = r["real"].get("cpu_seconds")
            out[f"report {key} raw SQL s"] = r["raw_sql"]["seconds"]
    if "http" in data:
        for name, r in data["http"]["pages"].items():
            out[f"http {name} req/s"] = r["requests_per_s"]
            out[f"http {name} p50 ms"] = r["p50_ms"]
            out[f"http {name} p99 ms"] = r["p99_ms"]
            out[f"http {name} server CPU ms/request"] = r.get("server_cpu_ms_per_request")
            out[f"http {name} cold first request ms"] = r.get("warmup_max_ms")
    return out


def main(paths: list[str]) -> int:
    runs = [json.loads(Path(p).read_text()) for p in paths]
    runs.sort(key=lambda d: d["meta"]["rows"]["cases"])
    figures = [headline(r) for r in runs]
    names = list(dict.fromkeys(k for f in figures for k in f))
    labels = [f"{r['meta']['size']} ({r['meta']['versions']['vendor']})" for r in runs]
    growth_cases = figures[-1]["cases"] / figures[0]["cases"] if len(figures) > 1 else 1
    print("| figure | " + " | ".join(labels) + f" | growth (data ×{growth_cases:g}) |")
    print("|---|" + "---:|" * (len(labels) + 1))
    for name in names:
        values = [f.get(name) for f in figures]
        cells = ["" if v is None else (f"{v:,.3f}" if isinstance(v, float) and v < 10 else f"{v:,.0f}" if isinstance(v, (int, float)) else str(v)) for v in values]
        first, last = values[0], values[-1]
        growth = f"×{last / first:.2f}" if isinstance(first, (int, float)) and isinstance(last, (int, float)) and first else ""
        print(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
