#!/usr/bin/env python3
"""Opens the three reports — report.html of a placement, of a simulation and of a forecast — in
headless Chromium at 1400 px and checks them.

Run by scripts/check-reports.sh, which installs Chromium and Playwright and makes the outputs.
Each page is given as NAME=PATH[:KIND], KIND one of place, simulate, forecast. A page fails when it
  - makes any request other than for the file itself, or a request fails,
  - logs a console error or throws,
  - is larger than --max-mb megabytes, or takes longer than --max-seconds to load and paint
    (navigation start to the second animation frame after the load event; the median of three
    loads, each in a fresh browser context),
  - has no district map (a forecast: fewer maps than years), an <svg> without <title>/<desc>,
  - has a text of any chart or map cut off at its edge, or two texts whose boxes overlap,
  - is wider than the window (horizontal scrolling).
Writes a full-page screenshot of each page and one of its first map (with --docs, also a small
palette PNG of the map section for docs/), and prints a line per page: size, load time, maps, texts.
"""

import argparse
import json
import pathlib
import sys

from playwright.sync_api import sync_playwright

try:
    from PIL import Image
except ImportError:  # the .sh installs it; only --docs needs it
    Image = None

failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def ok(message):
    print("ok   " + message)


# Every <text> of every <svg>: its box in the svg's own units (through any transform).
TEXT_BOXES_JS = """
() => [...document.querySelectorAll('svg')].map(svg => {
  const vb = svg.viewBox.baseVal;
  const toSvg = svg.getScreenCTM().inverse();
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox(), m = toSvg.multiply(t.getScreenCTM());
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    const xs = corners.map(p => p.x), ys = corners.map(p => p.y);
    const x = Math.min(...xs), y = Math.min(...ys);
    return [t.textContent, x, y, Math.max(...xs) - x, Math.max(...ys) - y];
  });
  return {
    id: (svg.getAttribute('aria-labelledby') || '').split(' ')[0].replace(/-title$/, ''),
    map: svg.classList.contains('map'),
    title: (svg.querySelector(':scope > title') || {}).textContent || '',
    desc: (svg.querySelector(':scope > desc') || {}).textContent || '',
    width: vb.width, height: vb.height, boxes,
    shown: svg.getBoundingClientRect().width,
  };
})
"""

# Time from navigation start until two animation frames after the load event: the page laid out and painted.
PAINTED_JS = """
() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  resolve({load: nav.loadEventEnd, painted: performance.now()});
})))
"""


# What docs/ shows of a page: a placement's overflow map with its heading, a simulation's district
# map, a forecast's legend and first yearly maps (at most 1,300 px tall); in page coordinates.
DOCS_CLIP_JS = """
kind => {
  const box = els => {
    const rects = els.filter(e => e).map(e => e.getBoundingClientRect());
    if (!rects.length) return null;
    const x = Math.min(...rects.map(r => r.left)), y = Math.min(...rects.map(r => r.top));
    const w = Math.max(...rects.map(r => r.right)) - x, h = Math.max(...rects.map(r => r.bottom)) - y;
    return {x: Math.max(0, x - 8), y: Math.max(0, y + window.scrollY - 8), width: w + 16, height: h + 16};
  };
  if (kind === 'place') {
    const svg = document.querySelector('svg[aria-labelledby^="map-overflow-title"]');
    const figure = svg && svg.closest('figure');
    const heading = document.querySelector('#distances h3');
    return figure ? box([heading, figure]) : box([document.querySelector('section#map')]);
  }
  if (kind === 'forecast') {
    const b = box([document.querySelector('section#maps')]);
    if (b) b.height = Math.min(b.height, 1300);
    return b;
  }
  return box([document.querySelector('section#map')]);
}
"""


def overlaps(boxes):
    """Pairs of boxes that overlap by more than a pixel both ways, by a sweep over x."""
    found = []
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    active = []
    for i in order:
        a = boxes[i]
        active = [j for j in active if boxes[j][1] + boxes[j][3] > a[1] + 1]
        for j in active:
            b = boxes[j]
            dx = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
            dy = min(a[2] + a[4], b[2] + b[4]) - max(a[2], b[2])
            if dx > 1 and dy > 1:
                found.append((b[0], a[0]))
        active.append(i)
    return found


def check_svgs(name, svgs, kind, years):
    maps = [s for s in svgs if s["map"]]
    texts = 0
    for svg in svgs:
        label = f"{name} {svg['id'] or 'svg'}"
        if not svg["title"].strip() or not svg["desc"].strip():
            fail(f"{label}: missing <title> or <desc>")
        if svg["shown"] < 100:
            fail(f"{label}: rendered {svg['shown']:.0f}px wide")
        boxes = [b for b in svg["boxes"] if b[3] > 0]
        texts += len(boxes)
        for text, x, y, w, h in boxes:
            if x < -0.5 or y < -0.5 or x + w > svg["width"] + 0.5 or y + h > svg["height"] + 0.5:
                fail(f"{label}: text {text!r} is cut off at the edge ({x:.0f},{y:.0f} {w:.0f}x{h:.0f} in {svg['width']:.0f}x{svg['height']:.0f})")
        pairs = overlaps(boxes)
        for a, b in pairs[:5]:
            fail(f"{label}: texts {a!r} and {b!r} overlap")
    need = 1 if kind != "forecast" else years + 1
    if len(maps) < need:
        fail(f"{name}: {len(maps)} maps, expected at least {need}")
    return len(maps), len(svgs) - len(maps), texts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--out", required=True, type=pathlib.Path, help="folder for screenshots")
    parser.add_argument("--docs", type=pathlib.Path, help="also write small palette PNGs of each page's first map section here")
    parser.add_argument("--max-mb", type=float, default=15.0)
    parser.add_argument("--max-seconds", type=float, default=3.0)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("pages", nargs="+", help="NAME=PATH:KIND")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox"])
        print(f"Chromium {browser.version}")
        for spec in args.pages:
            name, rest = spec.split("=", 1)
            path, kind = rest.rsplit(":", 1)
            path = pathlib.Path(path)
            size = path.stat().st_size
            if size > args.max_mb * 1e6:
                fail(f"{name}: {size / 1e6:.1f} MB, more than {args.max_mb} MB")
            years = 0
            if kind == "forecast":
                summary = json.loads((path.parent / "summary.json").read_text(encoding="utf-8"))
                years = len(summary["years"])
            # The machine may be shared: the time is the median of three loads, each in a fresh browser
            # context (nothing cached), the checks are made on a fourth.
            times = []
            for _ in range(3):
                context = browser.new_context(viewport={"width": args.width, "height": 900}, device_scale_factor=1)
                page = context.new_page()
                page.set_default_timeout(300_000)
                page.goto(path.resolve().as_uri(), wait_until="load")
                times.append(page.evaluate(PAINTED_JS)["painted"] / 1000)
                context.close()
            seconds = sorted(times)[1]
            context = browser.new_context(viewport={"width": args.width, "height": 900}, device_scale_factor=1)
            page = context.new_page()
            page.set_default_timeout(300_000)
            url = path.resolve().as_uri()
            requests, problems = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
            before = len(failures)
            page.goto(url, wait_until="load")
            timing = page.evaluate(PAINTED_JS)
            if seconds > args.max_seconds:
                fail(f"{name}: loaded and painted in {seconds:.2f} s (median of {', '.join(f'{t:.2f}' for t in times)}), more than {args.max_seconds} s")
            others = [r for r in requests if r != url]
            if others:
                fail(f"{name}: {len(others)} request(s) besides the file: {others[:5]}")
            for problem in problems:
                fail(f"{name}: {problem}")
            scroll = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if scroll[0] > scroll[1]:
                fail(f"{name}: page is {scroll[0]}px wide in a {scroll[1]}px window")
            maps, charts, texts = check_svgs(name, page.evaluate(TEXT_BOXES_JS), kind, years)
            captions = page.eval_on_selector_all("figure.map figcaption", "els => els.map(e => e.textContent)")
            dropped = sum(1 for c in captions if "left out so that none overlap" in c)
            # Blocks laid out only when scrolled to (content-visibility) are drawn for the picture.
            page.add_style_tag(content="div.zone, section#schools { content-visibility: visible !important; }")
            shot = args.out / f"{name}.png"
            height = page.evaluate("() => document.documentElement.scrollHeight")
            page.screenshot(path=str(shot), full_page=True,
                            clip=None if height <= 30_000 else {"x": 0, "y": 0, "width": args.width, "height": 30_000})
            section = page.query_selector("section#map, section#maps")
            if section is not None:
                section.screenshot(path=str(args.out / f"{name}-map.png"))
            if args.docs is not None and Image is not None:
                box = page.evaluate(DOCS_CLIP_JS, kind)
                if box is not None:
                    args.docs.mkdir(parents=True, exist_ok=True)
                    raw = args.out / f"{name}-docs.png"
                    page.screenshot(path=str(raw), full_page=True, clip=box)
                    image = Image.open(raw).convert("RGB")
                    image = image.quantize(colors=255, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
                    image.save(args.docs / f"{name}.png", optimize=True)
            context.close()
            line = (f"{name}: {size / 1e6:.2f} MB, load+paint {seconds:.2f} s (median of {', '.join(f'{t:.2f}' for t in times)}; load event {timing['load'] / 1000:.2f} s), "
                    f"{maps} maps, {charts} charts, {texts} texts; {dropped} maps say how many labels they left out")
            results.append(("ok   " if len(failures) == before else "FAIL ") + line)
            if len(failures) == before:
                ok(line + "; no request, no console error, no text cut off or overlapping")
        browser.close()
    print("Summary:")
    for line in results:
        print("  " + line)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("All checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
