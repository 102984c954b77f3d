"""Public pages under concurrent load, on loopback: the report page and notice pages, beside a static file.

The site runs as it does in production, ``rightsdesk serve`` (waitress),
in a subprocess bound to 127.0.0.1 on a free port, on the benchmark's
throwaway database. The load generator is in this file: ``concurrency``
threads, each with one keep-alive HTTP/1.1 connection, send requests
back to back for ``seconds`` (and at most ``max_requests`` in all), and
every latency is recorded. If ``wrk`` is installed it is not needed;
this generator is always used so the figures are comparable everywhere.

The baseline is a static file served by the same server (WhiteNoise), so
the figures show the cost of the page over the cost of the server itself.
On a 2-core machine the generator and the server share the cores; the
requests per second are therefore a lower bound of what the server alone does.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .search import percentiles


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``rightsdesk serve`` in a subprocess on 127.0.0.1; stopped (by its pid) when the block ends."""

    def __init__(self, threads: int = 4):
        self.port = free_port()
        self.threads = threads
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        command = [sys.executable, "-m", "rightsdesk.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--threads", str(self.threads), "--no-worker"]
        self.log = open(Path(os.environ.get("RIGHTSDESK_HOME", ".")) / "bench-server.log", "wb")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=os.environ.copy())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"rightsdesk serve exited with {self.process.returncode}; see {self.log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("rightsdesk serve did not start listening within 60 s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process (Linux /proc), to give the server's cost per request."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def load(port: int, paths: list[str], *, seconds: float, concurrency: int, max_requests: int,
         timeout: float = 60.0) -> dict:
    """Send GET requests for ``paths`` (cycled, each thread from its own offset) and measure them."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()
    sent = [0]
    stop_at = time.perf_counter() + seconds

    def worker(offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        i = offset
        try:
            while time.perf_counter() < stop_at:
                with lock:
                    if sent[0] >= max_requests:
                        return
                    sent[0] += 1
                path = paths[i % len(paths)]
                i += 1
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Language": "en"})
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    with lock:
                        errors.append(type(exc).__name__)
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                    continue
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status] = statuses.get(response.status, 0) + 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        finally:
            conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k * 7,), daemon=True) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 5)
    wall = time.perf_counter() - started
    stats = percentiles(latencies)
    return {
        "requests": len(latencies), "seconds": round(wall, 2), "concurrency": concurrency,
        "requests_per_s": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": stats["p50_ms"], "p99_ms": stats["p99_ms"], "mean_ms": stats["mean_ms"],
        "statuses": {str(k): v for k, v in sorted(statuses.items())}, "errors": len(errors),
    }


def run(*, public_ids: list[str], period: str, seconds: float = 10.0, concurrency: int = 8,
        max_requests: int = 20_000, server_threads: int = 4) -> dict:
    rng = random.Random(3)
    ids = list(public_ids)
    rng.shuffle(ids)
    targets = {
        "static_file": ["/static/rightsdesk/site.css"],
        "notice_page": [f"/en/notices/{pid}/" for pid in ids[:1000]] or ["/en/notices/none/"],
        "report_page": [f"/en/transparency/{period}/"],
    }
    out: dict = {"server": f"rightsdesk serve (waitress, {server_threads} threads) on 127.0.0.1",
                 "generator": "bench.http_load (threads, keep-alive)", "pages": {}}
    with Server(threads=server_threads) as server:
        for name, paths in targets.items():
            # Warm-up, one at a time: the first request may compute what later ones find in a cache
            # (the report page keeps the computed report); its latency is recorded as the cold figure.
            warm = load(server.port, paths[:3], seconds=max(2.0, seconds), concurrency=1, max_requests=3, timeout=600)
            cpu_before = process_cpu_seconds(server.process.pid)
            result = load(server.port, paths, seconds=seconds, concurrency=concurrency, max_requests=max_requests)
            cpu_after = process_cpu_seconds(server.process.pid)
            if cpu_before is not None and cpu_after is not None and result["requests"]:
                result["server_cpu_ms_per_request"] = round((cpu_after - cpu_before) * 1000 / result["requests"], 2)
            result["warmup_max_ms"] = warm["p99_ms"]
            result["path"] = paths[0] if len(paths) == 1 else paths[0].rsplit("/", 2)[0] + "/<public_id>/"
            out["pages"][name] = result
    base = out["pages"]["static_file"]["requests_per_s"]
    base_p99 = out["pages"]["static_file"]["p99_ms"]
    for name, result in out["pages"].items():
        result["rps_share_of_static"] = round(result["requests_per_s"] / base, 4) if base else None
        # On a shared machine the p99 moves with the load; its ratio to the static file's is the steadier figure.
        result["p99_over_static_p99"] = round(result["p99_ms"] / base_p99, 2) if base_p99 else None
    return out
