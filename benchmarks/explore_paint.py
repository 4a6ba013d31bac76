"""The interactive map in headless Chromium: time to first paint, and frames while zooming.

``python -m benchmarks.explore_paint [--size 2000] [--runs 5]`` saves ``sg.explore`` of a
synthetic map, opens it from ``file:`` and prints the median time from navigation start to the
page's first painted frame (the ``sg-painted`` mark), and the median time between frames while
the map is zoomed with the mouse wheel. Needs the dev dependencies (Playwright) and Chromium.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import stratgraph as sg

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
_FRAMES = """async () => {
  const view = document.getElementById("sg-view");
  const box = view.getBoundingClientRect();
  const gaps = [];
  let last = performance.now();
  for (let i = 0; i < 40; i++) {
    view.dispatchEvent(new WheelEvent("wheel", {deltaY: i < 20 ? -120 : 120, bubbles: true,
      cancelable: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2}));
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const now = performance.now();
    gaps.push((now - last) / 2);
    last = now;
  }
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}"""


def _say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - the output is the report


def main(argv: list[str] | None = None) -> None:
    """Measure and print."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - a dev dependency

    parser = argparse.ArgumentParser(prog="python -m benchmarks.explore_paint")
    parser.add_argument("--size", type=int, default=2000, help="elements of the synthetic map")
    parser.add_argument("--runs", type=int, default=5, help="page loads (median)")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        parser.error("Chromium is not installed: apt-get install chromium")
    smap = sg.datasets.synthetic(args.size)
    started = time.perf_counter()
    view = sg.explore(smap, lang="da")
    built = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = view.save(Path(folder) / "map.html")
        size = path.stat().st_size
        paints: list[float] = []
        frames: list[float] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_function("window.sgExplore && window.sgExplore.painted")
                paints.append(
                    page.evaluate("performance.getEntriesByName('sg-painted')[0].startTime")
                )
                frames.append(page.evaluate(_FRAMES))
                page.close()
            browser.close()
    _say(
        f"explore of {args.size} elements: built in {built:.1f} s (layout and audit), "
        f"page {size / 1e6:.2f} MB"
    )
    _say(
        f"load to first paint: median {statistics.median(paints):.0f} ms "
        f"(runs: {', '.join(f'{p:.0f}' for p in paints)})"
    )
    _say(f"zooming: median {statistics.median(frames):.1f} ms between frames")


if __name__ == "__main__":
    main()
