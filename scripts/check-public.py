#!/usr/bin/env python3
"""Opens the public page (index.html of `paiwei publish`) in headless Chromium and checks it as families use it.

Run by scripts/check-public.sh, which installs Chromium and Playwright, commits, places, verifies and
publishes the sample district. Fails (exit 1) when
  - the page makes any request other than for the file itself, a request fails, the page logs a console
    error or throws;
  - the page's self-test, or its own SHA-256 and Philox4x32-10, disagree with FIPS 180-4 and Random123
    known answers, or its lottery numbers disagree with this script's own (hashlib) implementation;
  - any seed, candidate seed or the commitment it recomputes is not the published one;
  - for any student tried (at least 300: every outcome, twins, unplaced, ineligible), opened from its
    address #student=ID (twins also with &family=F, and as #family=F), the card's outcome, school, stage,
    lottery or published number differ from placements.csv, the number recomputed in the page differs
    from placements.csv, the cutoff shown differs from schools.csv, or the sentence on why is missing in
    either language;
  - the look-up form does not find a student, or finds a student that does not exist;
  - the cutoffs table differs from cutoffs.csv, or cutoffs.csv from schools.csv;
  - a results.csv with one number changed is not flagged on that row, or the published one is flagged;
  - a page whose embedded number for one student was changed does not say that number does not match.
Takes screenshots (one student, twins by family, the tampered page) and prints their paths.
"""

import argparse
import csv
import hashlib
import json
import pathlib
import re
import shutil
import struct
import sys

from playwright.sync_api import sync_playwright

try:
    from PIL import Image
except ImportError:  # the .sh installs it; the small copy for the README is a convenience
    Image = None

failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def ok(message):
    print("ok   " + message)


# ---- An independent implementation of the lottery protocol (docs/lottery-protocol.md) ----

def philox4x32_10(counter, key):
    c0, c1, c2, c3 = counter
    k0, k1 = key
    m = 0xFFFFFFFF
    for rnd in range(10):
        if rnd > 0:
            k0, k1 = (k0 + 0x9E3779B9) & m, (k1 + 0xBB67AE85) & m
        p0, p1 = 0xD2511F53 * c0, 0xCD9E8D57 * c2
        c0, c1, c2, c3 = (p1 >> 32) ^ c1 ^ k0, p1 & m, (p0 >> 32) ^ c3 ^ k1, p0 & m
    return c0, c1, c2, c3


def words(data):
    return struct.unpack("<II", hashlib.sha256(data).digest()[:8])


def lottery_number(seed_hex, label, student_id, family_id=""):
    key = words(bytes.fromhex(seed_hex) + label.encode("utf-8"))
    h0, h1 = words((("family:" + family_id) if family_id else student_id).encode("utf-8"))
    r0, r1, _, _ = philox4x32_10((h0, h1, 0, 0), key)
    return "%016x" % (r1 << 32 | r0)


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def open_page(browser, path, name, viewport=(1100, 900)):
    """Opens `path` and records every request, failed request, console error and page error."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(300_000)
    url = path.resolve().as_uri()
    log = {"requests": [], "problems": [], "url": url, "name": name}
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("requestfailed", lambda r: log["problems"].append(f"request failed: {r.url} ({r.failure})"))
    page.on("console", lambda m: log["problems"].append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: log["problems"].append(f"page error: {e}"))
    # Nothing may leave the machine even if the page asked for it: abort all but the file itself.
    page.route("**/*", lambda route: route.continue_() if route.request.url.split("#")[0] == url else route.abort())
    page.goto(url, wait_until="load")
    return context, page, log


def close_page(context, log):
    others = [r for r in log["requests"] if r.split("#")[0] != log["url"]]
    if others:
        fail(f"{log['name']}: {len(others)} request(s) besides the file: {others[:5]}")
    else:
        ok(f"{log['name']}: no request besides the file itself")
    for problem in log["problems"]:
        fail(f"{log['name']}: {problem}")
    if not log["problems"]:
        ok(f"{log['name']}: no console error, no page error, no failed request")
    context.close()


CARD_JS = """() => [...document.querySelectorAll('#answer article.card')].map(c => ({
  student: c.dataset.student, outcome: c.dataset.outcome, school: c.dataset.school, stage: c.dataset.stage,
  label: c.dataset.label, published: c.dataset.published, recomputed: c.dataset.recomputed, match: c.dataset.match,
  cutoff: c.dataset.cutoffNumber, family: c.dataset.family,
  why: (c.querySelector('p.why') || {}).textContent || '',
  whyEn: (c.querySelector('p.why .en') || {}).textContent || '',
  verdict: (c.querySelector('.ok, .bad, .warn') || {}).className || ''
}))"""


def go(page, fragment):
    """Opens the page's address `fragment` (#student=…, #family=…) as a link would, and reads the cards."""
    page.evaluate("""f => {
      document.getElementById('answer').removeAttribute('data-found');
      if (location.hash === f) dispatchEvent(new HashChangeEvent('hashchange')); else location.hash = f;
    }""", fragment)
    page.wait_for_function("() => document.getElementById('answer').hasAttribute('data-found')")
    return page.evaluate(CARD_JS)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--public", required=True, type=pathlib.Path, help="the folder paiwei publish wrote")
    parser.add_argument("--placement", required=True, type=pathlib.Path, help="the placement folder it was published from")
    parser.add_argument("--students", required=True, type=pathlib.Path, help="the dataset's students.csv (for family_id)")
    parser.add_argument("--out", required=True, type=pathlib.Path, help="folder for screenshots and tampered copies")
    parser.add_argument("--at-least", type=int, default=300, help="students to try, at least")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    placements = {r["student_id"]: r for r in read_csv(args.placement / "placements.csv")}
    schools = {r["school_id"]: r for r in read_csv(args.placement / "schools.csv")}
    results = read_csv(args.public / "results.csv")
    cutoffs = read_csv(args.public / "cutoffs.csv")
    audit = json.loads((args.placement / "audit.json").read_text(encoding="utf-8"))
    seed = audit["seed"]["seed"]
    families = {}
    for row in read_csv(args.students):
        if row.get("family_id"):
            families.setdefault(row["family_id"], []).append(row["student_id"])
    family_of = {s: f for f, members in families.items() for s in members}
    stage_kind = {s["name"]: s["kind"] for s in audit["policy"]["stages"]}

    # ---- The published files agree with the placement folder ----
    if list(results[0].keys()) != ["student_id", "outcome", "school_id", "stage", "lottery_label", "lottery_number"]:
        fail(f"results.csv: columns {list(results[0].keys())}")
    projected = [{k: placements[r["student_id"]][k] for k in r} for r in results]
    if projected != results or len(results) != len(placements):
        fail("results.csv is not placements.csv without preference_rank and reason")
    else:
        ok(f"results.csv: {len(results)} rows = placements.csv without preference_rank and reason")
    bad = 0
    for c in cutoffs:
        school = schools[c["school_id"]]
        for column in ["applicants", "admitted", "cutoff_tier", "cutoff_number"]:
            if school[c["stage"] + "." + column] != c[column]:
                bad += 1
                fail(f"cutoffs.csv {c['stage']}/{c['school_id']} {column} {c[column]!r} != schools.csv {school[c['stage'] + '.' + column]!r}")
        if c["cutoff_round"] and school.get(c["stage"] + ".cutoff_round") != c["cutoff_round"]:
            bad += 1
            fail(f"cutoffs.csv {c['stage']}/{c['school_id']} round differs from schools.csv")
    if not bad:
        ok(f"cutoffs.csv: {len(cutoffs)} rows agree with schools.csv (applicants, admitted, cutoff round, tier, number)")

    # ---- Which students to try ----
    ids = sorted(placements, key=lambda s: s.encode("utf-8"))
    outcomes = {o: [s for s in ids if placements[s]["outcome"] == o] for o in ["placed", "unplaced", "ineligible"]}
    for outcome, members in outcomes.items():
        if not members:
            fail(f"the sample placement has no {outcome} student: choose another ceremony")
    by_stage = {}
    for s in outcomes["placed"]:
        by_stage.setdefault(placements[s]["stage"], []).append(s)
    chosen = set(outcomes["unplaced"]) | set(outcomes["ineligible"]) | set(family_of)
    for stage, members in by_stage.items():
        chosen |= set(members[:: max(1, len(members) // 30)])
    step = max(1, len(ids) // max(1, args.at_least - len(chosen)))
    chosen |= set(ids[::step])
    chosen = sorted(chosen, key=lambda s: s.encode("utf-8"))
    print(f"Trying {len(chosen)} students: {len(outcomes['unplaced'])} unplaced, {len(outcomes['ineligible'])} ineligible, "
          f"{len(family_of)} twins in {len(families)} families, placed by every stage ({', '.join(sorted(by_stage))})")

    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox"])
        print(f"Chromium {browser.version}")
        page_path = args.public / "index.html"
        context, page, log = open_page(browser, page_path, "index.html", viewport=(1100, 1300))

        # The page's own SHA-256 and Philox, against published known answers and against hashlib.
        if page.get_attribute("#selftest", "data-selftest") != "pass":
            fail("index.html: the page's self-test did not pass")
        else:
            ok("index.html: the page's self-test passed")
        sha_vectors = {
            "": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "abc": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq": "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu":
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
            "a" * 1_000_000: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        }
        for text, want in sha_vectors.items():
            got = page.evaluate("t => paiwei.sha256Hex(t)", text)
            if got != want:
                fail(f"page SHA-256 of {text[:20]!r}… ({len(text)} bytes) = {got}, FIPS 180-4 says {want}")
        # Every length from 0 to 200 bytes (every block boundary), and multi-byte UTF-8, against hashlib.
        texts = ["a" * n for n in range(201)] + ["é" * n for n in range(0, 80, 7)] + ["派位 Paiwei 随机号", "family:F000001"]
        got = page.evaluate("ts => ts.map(t => paiwei.sha256Hex(t))", texts)
        wrong = [t for t, g in zip(texts, got) if g != hashlib.sha256(t.encode("utf-8")).hexdigest()]
        if wrong:
            fail(f"page SHA-256 differs from hashlib for {len(wrong)} texts, e.g. {wrong[0][:30]!r} ({len(wrong[0].encode())} bytes)")
        philox_vectors = [
            ([0, 0, 0, 0], [0, 0], "6627e8d5 e169c58d bc57ac4c 9b00dbd8"),
            ([0xFFFFFFFF] * 4, [0xFFFFFFFF] * 2, "408f276d 41c83b0e a20bc7c6 6d5451fd"),
            ([0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344], [0xA4093822, 0x299F31D0], "d16cfe09 94fdcceb 5001e420 24126ea1"),
        ]
        for counter, key, want in philox_vectors:
            got = " ".join("%08x" % w for w in page.evaluate("([c, k]) => paiwei.philox(c, k)", [counter, key]))
            if got != want:
                fail(f"page Philox4x32-10 {counter} {key} = {got}, Random123 says {want}")
        products = page.evaluate("() => { const out = []; let x = 0x9e3779b9, y = 0x7f4a7c15; for (let i = 0; i < 2000; i++) {"
                                 " x = (Math.imul(x, 0x2c1b3c6d) + 0x297a2d39) >>> 0; y = (Math.imul(y, 0x297a2d39) + 0x2c1b3c6d) >>> 0;"
                                 " out.push([x, y, ...paiwei.mulhilo(x, y)]); } out.push([0xffffffff, 0xffffffff, ...paiwei.mulhilo(0xffffffff, 0xffffffff)]); return out; }")
        wrong = [(x, y) for x, y, hi, lo in products if (x * y) >> 32 != hi or (x * y) & 0xFFFFFFFF != lo]
        if wrong:
            fail(f"page 32×32→64-bit product wrong for {wrong[:3]}")
        else:
            ok(f"page SHA-256: {len(sha_vectors)} FIPS 180-4 vectors (one million 'a' included), every length 0…200 bytes and multi-byte UTF-8 equal hashlib; "
               f"Philox4x32-10: the 3 known answers of SPEC §4; 32×32-bit products: {len(products)} equal Python's")

        # The seed and the commitment, as recomputed by the page.
        checks = page.eval_on_selector_all("[data-check]", "els => els.map(e => [e.dataset.check, e.dataset.ok || ''])")
        if not checks or any(state != "yes" for _, state in checks):
            fail(f"index.html: seed checks {checks}")
        else:
            ok(f"index.html: the page recomputed {', '.join(name for name, _ in checks)} and each equals what is published")
        if audit.get("commitment") and page.evaluate("() => paiwei.data.draw.commitment") != audit["commitment"]["commitment"]:
            fail("index.html: the commitment shown is not audit.json's")

        # The cutoffs table against cutoffs.csv.
        table = page.eval_on_selector_all("table.cutoffs tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")
        expected = [[c["stage"], c["school_id"], f"{int(c['seats']):,}", f"{int(c['applicants']):,}", f"{int(c['admitted']):,}",
                     c["cutoff_round"], c["cutoff_tier"] or "—", c["cutoff_number"] or "—", c["cutoff_lottery_label"]] for c in cutoffs]
        if table != expected:
            fail(f"index.html: cutoffs table differs from cutoffs.csv (first rows {table[:2]} vs {expected[:2]})")
        else:
            ok(f"index.html: cutoffs table = cutoffs.csv ({len(table)} lotteries)")

        # Every student tried, from its address.
        tried, twins_ok, problems_before = 0, 0, len(failures)
        for sid in chosen:
            row = placements[sid]
            family = family_of.get(sid, "")
            fragments = ["#student=" + sid] + (["#student=" + sid + "&family=" + family] if family else [])
            for fragment in fragments:
                cards = go(page, fragment)
                if len(cards) != 1:
                    fail(f"{fragment}: {len(cards)} cards")
                    continue
                card = cards[0]
                with_family = "&family=" in fragment
                for key, want in [("student", sid), ("outcome", row["outcome"]), ("school", row["school_id"]), ("stage", row["stage"]),
                                  ("label", row["lottery_label"]), ("published", row["lottery_number"])]:
                    if card[key] != want:
                        fail(f"{fragment}: {key} {card[key]!r}, placements.csv says {want!r}")
                if row["lottery_number"]:
                    mine = lottery_number(seed, row["lottery_label"], sid, family if with_family else "")
                    if card["recomputed"] != mine:
                        fail(f"{fragment}: page recomputed {card['recomputed']}, this script {mine}")
                    want_match = "yes" if (not family or with_family) else "family"
                    if card["match"] != want_match or (want_match == "yes" and card["recomputed"] != row["lottery_number"]):
                        fail(f"{fragment}: match {card['match']!r} (recomputed {card['recomputed']}, placements.csv {row['lottery_number']}), expected {want_match!r}")
                    if with_family and card["match"] == "yes":
                        twins_ok += 1
                elif card["recomputed"] or card["match"] != "none":
                    fail(f"{fragment}: a number recomputed for a student without one")
                want_cutoff = ""
                if row["outcome"] == "placed" and stage_kind[row["stage"]] != "overflow":
                    want_cutoff = schools[row["school_id"]][row["stage"] + ".cutoff_number"]
                if card["cutoff"] != want_cutoff:
                    fail(f"{fragment}: cutoff {card['cutoff']!r}, schools.csv says {want_cutoff!r}")
                english = card["whyEn"].strip()
                chinese = card["why"].replace(card["whyEn"], "").strip()
                if not english or not re.search(r"[\u4e00-\u9fff]", chinese):
                    fail(f"{fragment}: the sentence on why is missing in one language: {card['why']!r}")
            tried += 1
        if len(failures) == problems_before:
            ok(f"{tried} students opened from their address (#student=…, twins also with &family=…): outcome, school, stage, "
               f"lottery and published number equal placements.csv; the number recomputed in the page equals placements.csv "
               f"({twins_ok} twins recomputed with their family_id; without it the page says the number is shared); "
               f"the cutoff equals schools.csv; a sentence on why in Chinese and English")
        if tried < args.at_least:
            fail(f"only {tried} students tried, fewer than {args.at_least}")

        # Families by their address.
        problems_before = len(failures)
        for family, members in families.items():
            cards = go(page, "#family=" + family)
            got = sorted(c["student"] for c in cards)
            if got != sorted(members) or any(c["match"] != "yes" for c in cards):
                fail(f"#family={family}: cards {got} ({[c['match'] for c in cards]}), students.csv says {sorted(members)}")
        if len(failures) == problems_before:
            ok(f"{len(families)} families opened as #family=F: each lists exactly its children, numbers recomputed and equal")
        cards = go(page, "#student=NO-SUCH-STUDENT")
        if cards or page.get_attribute("#answer", "data-found") != "0":
            fail("#student=NO-SUCH-STUDENT: a card was shown")
        cards = go(page, "#family=NO-SUCH-FAMILY")
        if cards:
            fail("#family=NO-SUCH-FAMILY: a card was shown")

        # The form, as a family uses it.
        # The student of the screenshot: admitted where seats were short, so that the cutoff shows.
        short = [s for s in outcomes["placed"] if stage_kind[placements[s]["stage"]] != "overflow"
                 and schools[placements[s]["school_id"]][placements[s]["stage"] + ".cutoff_number"]]
        sample_student = next((s for s in short if placements[s]["stage"] == "multi-zone"), short[0] if short else outcomes["placed"][0])
        page.fill("#student", sample_student)
        page.fill("#family", "")
        page.click("#lookup-form button")
        page.wait_for_function("s => (document.querySelector('#answer article.card') || {dataset: {}}).dataset.student === s", arg=sample_student)
        if page.evaluate("() => location.hash") != "#student=" + sample_student:
            fail("the form did not put the student in the address")
        else:
            ok(f"the form finds {sample_student} and puts #student={sample_student} in the address (a link to send)")
        if page.eval_on_selector_all("table.cutoffs tr.mine", "rows => rows.length") != 1:
            fail("the student's lottery is not marked in the cutoffs table")
        path = args.out / "public-student.png"
        page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": 1100, "height": 1000})
        saved.append(path)
        if Image is not None:
            # The README's picture (docs/public-page.png): the same, in 64 colours, a fraction of the size.
            small = args.out / "public-page.png"
            Image.open(path).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(small, optimize=True)
            saved.append(small)
        twins = next(iter(families)) if families else None
        if twins:
            go(page, "#family=" + twins)
            path = args.out / "public-family.png"
            page.screenshot(path=str(path), full_page=False)
            saved.append(path)
        path = args.out / "public-full.png"
        go(page, "#student=" + sample_student)
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)

        # A whole results.csv, as published and with one number changed.
        page.set_input_files("#results-file", str(args.public / "results.csv"))
        page.wait_for_function("() => document.getElementById('file-report').hasAttribute('data-rows')")
        report = page.evaluate("() => Object.assign({}, document.getElementById('file-report').dataset)")
        numbered = sum(1 for r in results if r["lottery_number"])
        if report["flagged"] != "0" or report["rows"] != str(len(results)) or int(report["recomputed"]) + int(report["family"]) != numbered:
            fail(f"the published results.csv: {report}")
        else:
            ok(f"the published results.csv checked in the page: {report['rows']} rows, none flagged, {report['recomputed']} numbers recomputed "
               f"and equal, {report['family']} shared by twins")
        victim = next(r for r in results if r["lottery_number"] and r["student_id"] not in family_of)
        tampered_number = "%016x" % (int(victim["lottery_number"], 16) ^ 1)
        tampered = args.out / "tampered-results.csv"
        text = (args.public / "results.csv").read_text(encoding="utf-8")
        tampered.write_text(text.replace(victim["student_id"] + "," + ",".join(list(victim.values())[1:]),
                                         victim["student_id"] + "," + ",".join(list(victim.values())[1:-1] + [tampered_number])), encoding="utf-8")
        page.evaluate("() => document.getElementById('file-report').removeAttribute('data-rows')")
        page.set_input_files("#results-file", str(tampered))
        page.wait_for_function("() => document.getElementById('file-report').hasAttribute('data-rows')")
        flagged = page.eval_on_selector_all("#file-report li[data-flag]", "els => els.map(e => e.dataset.flag)")
        if victim["student_id"] not in flagged:
            fail(f"a results.csv with {victim['student_id']}'s number changed is not flagged on that row (flagged: {flagged[:5]})")
        else:
            ok(f"a results.csv with {victim['student_id']}'s number changed to {tampered_number} is flagged on that row "
               f"({len(flagged)} row(s) flagged)")
        close_page(context, log)

        # A page whose embedded number was changed (as if the bureau had published a wrong number).
        bad_folder = args.out / "tampered-page"
        shutil.rmtree(bad_folder, ignore_errors=True)
        shutil.copytree(args.public, bad_folder)
        html = (bad_folder / "index.html").read_text(encoding="utf-8")
        start = html.index('<script type="application/json" id="paiwei-data">') + len('<script type="application/json" id="paiwei-data">')
        end = html.index("</script>", start)
        data = json.loads(html[start:end])
        i = data["ids"].index(victim["student_id"])
        data["number"] = data["number"][:16 * i] + tampered_number + data["number"][16 * (i + 1):]
        embedded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        (bad_folder / "index.html").write_text(html[:start] + embedded + html[end:], encoding="utf-8")
        context, page, log = open_page(browser, bad_folder / "index.html", "tampered index.html", viewport=(1100, 1000))
        cards = go(page, "#student=" + victim["student_id"])
        if not cards or cards[0]["match"] != "no" or "bad" not in cards[0]["verdict"] or cards[0]["published"] != tampered_number:
            fail(f"the tampered page does not flag {victim['student_id']}: {cards}")
        else:
            ok(f"a page publishing {tampered_number} for {victim['student_id']} says the recomputed {cards[0]['recomputed']} does not match")
        path = args.out / "public-tampered.png"
        page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": 1100, "height": 1000})
        saved.append(path)
        close_page(context, log)
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
