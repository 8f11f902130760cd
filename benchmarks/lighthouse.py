"""Lighthouse (npm `lighthouse`, Debian's Chromium, mobile emulation) on the key pages, both languages.

    python benchmarks/lighthouse.py [--site-dir DIR] [--runs N]

Builds the site from the real data (unless --site-dir is given), serves it on
127.0.0.1 and prints a table of performance, accessibility, best practices and
SEO with LCP, TBT, CLS and transfer size. Targets: performance >= 95,
accessibility 100, best practices 100, SEO >= 95. Record figures in README.md here.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Its own package (benchmarks/package.json): 120 packages the tests never use, so the tests' `npm ci`
# stays quick (issue 15). Install with `npm ci --prefix benchmarks`.
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "region": "regions/almaty/",
    "listing": "centres/almaty-zhan-saya/",
    "map": "map/",
    "find-help": "find/",
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)


class _Quiet(SimpleHTTPRequestHandler):
    """Serves gzip like GitHub Pages does, so transfer sizes and timings are realistic."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def run(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--form-factor=mobile",
            "--throttling-method=simulate",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        **{k: round(v["score"] * 100) for k, v in report["categories"].items()},
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "failed": sorted(
            k
            for k, v in audits.items()
            if v.get("score") is not None and v["score"] < 0.9 and v.get("scoreDisplayMode") == "binary"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci --prefix benchmarks`")
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            subprocess.run(
                [sys.executable, "-m", "generator", "build", "--site-dir", str(site_dir)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print("| page | lang | perf | a11y | best pr. | SEO | LCP s | TBT ms | CLS | KB | failed audits |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for name, path in PAGES.items():
            for lang, prefix in (("kk", ""), ("ru", "ru/")):
                results = [run(base + prefix + path, Path(tmp) / f"{name}-{lang}-{i}.json") for i in range(args.runs)]
                r = sorted(results, key=lambda x: x["performance"])[len(results) // 2]
                print(
                    f"| {name} | {lang} | {r['performance']} | {r['accessibility']} | {r['best-practices']} "
                    f"| {r['seo']} | {statistics.median(x['lcp_s'] for x in results):.2f} | {r['tbt_ms']:.0f} "
                    f"| {r['cls']:.3f} | {r['kb']:.0f} | {', '.join(r['failed']) or '—'} |",
                    flush=True,
                )
        server.shutdown()


if __name__ == "__main__":
    main()
