#!/usr/bin/env python3
"""Opens report.html and rosters.html of a placement folder in headless Chromium and checks them.

Run by scripts/check-html.sh, which installs Chromium, Playwright and pypdf and makes the placement.
Fails (exit 1) when a page
  - makes any request other than for the file itself, or a request fails,
  - logs a console error or throws,
  - (report) has no <svg>, an <svg> without <title>/<desc>, text cut off at a chart's edge or two
    chart labels overlapping, or outcome numbers different from summary.json,
  - (rosters) has a section count or order different from schools.csv, or row counts different
    from placements.csv,
  - is wider than the window (horizontal scrolling),
  - (rosters PDF) puts two schools on one printed page, has a page that belongs to no school, or
    (--one-page-per-school) has a page count other than the number of schools.
Saves full-page screenshots, the PDF prints and PNG previews of the PDF pages, and prints their paths.
"""

import argparse
import csv
import json
import pathlib
import re
import sys

from playwright.sync_api import sync_playwright

try:
    from pypdf import PdfReader
except ImportError:  # the .sh installs it; counting page objects is the fallback
    PdfReader = None

try:
    import pypdfium2
except ImportError:  # previews are a convenience for looking at the print layout
    pypdfium2 = None


failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def ok(message):
    print("ok   " + message)


def utf8_sorted(ids):
    return sorted(ids, key=lambda s: s.encode("utf-8"))


# Every <text> of every chart: its box in the chart's own units; boxes that leave the viewBox are cut
# off, boxes that intersect another text's box collide.
CHART_TEXT_JS = """
() => [...document.querySelectorAll('svg')].map(svg => {
  const vb = svg.viewBox.baseVal;
  const toChart = svg.getScreenCTM().inverse();
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    // getBBox is in the text's own coordinates: map its corners through any transform (the rotated
    // y-axis label) into the chart's, and take their bounds.
    const b = t.getBBox(), m = toChart.multiply(t.getScreenCTM());
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    const xs = corners.map(p => p.x), ys = corners.map(p => p.y);
    const x = Math.min(...xs), y = Math.min(...ys);
    return {text: t.textContent, x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y};
  });
  return {
    id: svg.getAttribute('aria-labelledby') || '',
    title: (svg.querySelector(':scope > title') || {}).textContent || '',
    desc: (svg.querySelector(':scope > desc') || {}).textContent || '',
    width: vb.width, height: vb.height, boxes,
    shown: svg.getBoundingClientRect().width,
  };
})
"""


def check_charts(charts):
    if not charts:
        fail("report.html: no <svg> chart")
        return
    ok(f"report.html: {len(charts)} <svg> charts")
    for chart in charts:
        name = chart["id"].split(" ")[0].removesuffix("-title") or "svg"
        if not chart["title"].strip() or not chart["desc"].strip():
            fail(f"{name}: missing <title> or <desc>")
        if chart["shown"] < 100:
            fail(f"{name}: rendered {chart['shown']:.0f}px wide")
        boxes = [b for b in chart["boxes"] if b["w"] > 0]
        for b in boxes:
            if b["x"] < -0.5 or b["y"] < -0.5 or b["x"] + b["w"] > chart["width"] + 0.5 or b["y"] + b["h"] > chart["height"] + 0.5:
                fail(f"{name}: text {b['text']!r} is cut off at the chart's edge ({b['x']:.0f},{b['y']:.0f} {b['w']:.0f}x{b['h']:.0f})")
        overlaps = 0
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                # A pixel of slack: neighbouring lines of text may touch without covering each other.
                dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
                dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
                if dx > 1 and dy > 1:
                    overlaps += 1
                    if overlaps <= 5:
                        fail(f"{name}: labels {a['text']!r} and {b['text']!r} overlap")
        if overlaps == 0:
            ok(f"{name}: {len(boxes)} labels inside the chart, none overlapping")


def open_page(browser, path, failures_prefix):
    """Opens `path` and records every request, failed request, console error and page error."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    # A district of 150,000 students gives a roster page of some 26 MB: allow it time.
    page.set_default_timeout(600_000)
    url = path.resolve().as_uri()
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # Nothing may leave the machine even if the page asked for it: abort all but the file itself.
    page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)
    others = [r for r in requests if r != url]
    if others:
        fail(f"{failures_prefix}: {len(others)} request(s) besides the file: {others[:5]}")
    else:
        ok(f"{failures_prefix}: no request besides the file itself ({len(requests)} request)")
    for problem in problems:
        fail(f"{failures_prefix}: {problem}")
    if not problems:
        ok(f"{failures_prefix}: no console error, no failed request")
    scroll = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll[0] > scroll[1]:
        fail(f"{failures_prefix}: page is {scroll[0]}px wide in a {scroll[1]}px window (horizontal scrolling)")
    return context, page


def pdf_pages_text(pdf):
    if PdfReader is None:
        count = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
        return [None] * count
    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def render_previews(pdf, out, stem, pages):
    if pypdfium2 is None:
        return []
    document = pypdfium2.PdfDocument(str(pdf))
    paths = []
    for index in pages:
        if index < len(document):
            image = document[index].render(scale=1.4).to_pil()
            path = out / f"{stem}-page{index + 1}.png"
            image.save(path)
            paths.append(path)
    return paths


def check_roster_pdf(pdf, school_ids):
    texts = pdf_pages_text(pdf)
    if texts and texts[0] is None:
        # Without text, only the count can be checked: every school starts a page.
        if len(texts) < len(school_ids):
            fail(f"rosters.pdf: {len(texts)} pages for {len(school_ids)} schools")
        return len(texts), []
    starts, current, pages_per_school, bad = [], None, {}, 0
    for index, text in enumerate(texts):
        marks = text.count("School id")
        if marks > 1:
            fail(f"rosters.pdf page {index + 1}: {marks} schools start on one page")
            bad += 1
        if marks >= 1:
            expected = school_ids[len(starts)] if len(starts) < len(school_ids) else None
            if expected is None or expected not in text:
                fail(f"rosters.pdf page {index + 1}: starts a school, expected {expected}")
                bad += 1
            starts.append(index)
            current = expected
        elif current is None or f"Roster of {current} " not in text:
            fail(f"rosters.pdf page {index + 1}: continues no school (no 'Roster of {current}' header)")
            bad += 1
        if current is not None:
            pages_per_school[current] = pages_per_school.get(current, 0) + 1
    if len(starts) != len(school_ids):
        fail(f"rosters.pdf: {len(starts)} school starts on {len(texts)} pages for {len(school_ids)} schools")
    # The signature block closes each school, on its last page.
    for n, start in enumerate(starts):
        end = (starts[n + 1] if n + 1 < len(starts) else len(texts)) - 1
        if "Notary" not in texts[end] or "Supervisor" not in texts[end]:
            fail(f"rosters.pdf: signature lines of {school_ids[n]} not on its last page {end + 1}")
            bad += 1
    if bad == 0 and len(starts) == len(school_ids):
        detail = ", ".join(f"{s} {pages_per_school.get(s, 0)}" for s in school_ids)
        if len(texts) == len(school_ids):
            ok(f"rosters.pdf: {len(texts)} pages = {len(school_ids)} schools, one page each")
        else:
            ok(f"rosters.pdf: {len(texts)} pages for {len(school_ids)} schools; every school starts a new page, "
               f"continuation pages repeat the school in the table header, signatures on each school's last page "
               f"(pages per school: {detail})")
    return len(texts), starts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", required=True, help="path of the Chromium executable")
    parser.add_argument("--placement", required=True, type=pathlib.Path, help="placement output folder (report.html, rosters.html, summary.json, placements.csv)")
    parser.add_argument("--schools", required=True, type=pathlib.Path, help="the dataset's schools.csv")
    parser.add_argument("--out", required=True, type=pathlib.Path, help="folder for screenshots and PDFs")
    parser.add_argument("--name", default="sample", help="prefix of the saved files")
    parser.add_argument("--one-page-per-school", action="store_true", help="require exactly one printed roster page per school")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with open(args.schools, newline="", encoding="utf-8-sig") as f:
        school_ids = utf8_sorted(row["school_id"] for row in csv.DictReader(f))
    with open(args.placement / "placements.csv", newline="", encoding="utf-8") as f:
        placements = list(csv.DictReader(f))
    admitted = {s: 0 for s in school_ids}
    for row in placements:
        if row["outcome"] == "placed":
            admitted[row["school_id"]] += 1
    summary = json.loads((args.placement / "summary.json").read_text(encoding="utf-8"))

    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox"])
        print(f"Chromium {browser.version}")

        # report.html
        context, page = open_page(browser, args.placement / "report.html", "report.html")
        check_charts(page.evaluate(CHART_TEXT_JS))
        for outcome, count in summary["outcomes"].items():
            shown = page.get_attribute(f"[data-outcome-{outcome}]", f"data-outcome-{outcome}")
            if shown != str(count):
                fail(f"report.html: {outcome} shows {shown}, summary.json says {count}")
        ok(f"report.html: outcomes equal summary.json {summary['outcomes']}")
        bins = sum(int(v) for v in page.eval_on_selector_all("[data-bin-count]", "els => els.map(e => e.dataset.binCount)"))
        if bins != summary["overflow_distance_metres"]["students"]:
            fail(f"report.html: histogram holds {bins} students, summary.json says {summary['overflow_distance_metres']['students']}")
        else:
            ok(f"report.html: histogram bins sum to {bins} overflow-placed students")
        path = args.out / f"{args.name}-report.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        path = args.out / f"{args.name}-report.pdf"
        page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
        saved.append(path)
        saved += render_previews(path, args.out, f"{args.name}-report", range(0, 3))
        context.close()

        # rosters.html
        context, page = open_page(browser, args.placement / "rosters.html", "rosters.html")
        sections = page.eval_on_selector_all("section.roster", "els => els.map(e => [e.dataset.school, e.querySelectorAll('tbody tr:not(.closing)').length])")
        if [s for s, _ in sections] != school_ids:
            fail(f"rosters.html: sections {[s for s, _ in sections]} != schools {school_ids}")
        else:
            ok(f"rosters.html: {len(sections)} sections = {len(school_ids)} schools, in school_id order")
        wrong = [(s, rows, admitted.get(s)) for s, rows in sections if rows != admitted.get(s)]
        if wrong:
            fail(f"rosters.html: rows differ from placements.csv (school, rows, placed): {wrong}")
        else:
            ok(f"rosters.html: row counts equal placements.csv per school ({sum(r for _, r in sections)} placed)")
        path = args.out / f"{args.name}-rosters.png"
        # Large rosters let the browser skip sections out of view (content-visibility); draw them all for
        # the picture, and keep the picture within what an image can hold.
        page.add_style_tag(content="section.roster { content-visibility: visible !important; }")
        height = page.evaluate("() => document.documentElement.scrollHeight")
        page.screenshot(path=str(path), full_page=True,
                        clip=None if height <= 60_000 else {"x": 0, "y": 0, "width": 1100, "height": 20_000})
        saved.append(path)
        pdf = args.out / f"{args.name}-rosters.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        saved.append(pdf)
        pages, starts = check_roster_pdf(pdf, school_ids)
        if args.one_page_per_school and pages != len(school_ids):
            fail(f"rosters.pdf: {pages} pages for {len(school_ids)} schools, expected one page each")
        # Preview the first page of two schools and the last page (an empty school's, if any).
        preview = sorted(set(starts[:1] + starts[1:2] + [max(0, starts[1] - 1) if len(starts) > 1 else 0, pages - 1]))
        saved += render_previews(pdf, args.out, f"{args.name}-rosters", preview)
        context.close()
        browser.close()

    print("Saved:")
    for path in saved:
        print(f"  {path}")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("All checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
