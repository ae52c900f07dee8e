#!/usr/bin/env bash
# Commits, places, verifies and publishes the sample district, then opens the public page (index.html)
# in headless Chromium and checks it as families use it (scripts/check-public.py says what is checked).
# Installs what is missing, like scripts/check-html.sh: Chromium and CJK fonts from Debian (apt),
# Playwright into a venv (PyPI); Playwright drives the system Chromium.
#
# Usage: scripts/check-public.sh [OUTPUT_DIR]        (default: a new temporary folder)
#        PAIWEI_LARGE=150000 scripts/check-public.sh  also publishes a generated district of that many
#                                                     students, prints the page's size and opens it
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCRATCH="$ROOT/.build-html"
VENV="$ROOT/.build-html-venv"
WORK=${1:-$(mktemp -d -t paiwei-public-XXXXXX)}
mkdir -p "$WORK"

apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "== apt-get install $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. Chromium, and fonts with Chinese glyphs.
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ]; then
    apt_install chromium
    CHROMIUM=$(command -v chromium)
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install fonts-noto-cjk
fi
echo "== $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"

# 2. Playwright (Python) and Pillow (the README's small picture) in the venv scripts/check-html.sh uses.
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import playwright, PIL" 2>/dev/null; then
    echo "== pip install playwright pillow"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$VENV/bin/pip" install -q playwright pillow
fi

# 3. paiwei, release.
echo "== swift build -c release"
if ! swift build -c release --scratch-path "$SCRATCH" --product paiwei >"$WORK/build.log" 2>&1; then
    grep -E "error" "$WORK/build.log" | sort -u | head -20
    echo "build failed (log: $WORK/build.log)"
    exit 1
fi
PAIWEI="$SCRATCH/release/paiwei"

# 4. The bureau's steps: commit before the ceremony; place with the ceremony's contributions (two
#    parents' numbers and a beacon value read out: an example value, nothing is fetched) and Jilin's
#    three candidate runs; verify; publish. The beacon round is the first that leaves someone unplaced,
#    so that the page is tried on every outcome.
POLICY=chaoyang-2023-middle
rm -rf "$WORK/data" "$WORK/placement" "$WORK/public" "$WORK/commitment.json"
cp -r datasets/sample "$WORK/data"
"$PAIWEI" commit --data "$WORK/data" --policy "$POLICY" --out "$WORK/commitment.json"
BEACON=8f3c2a1d9e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b
for round in $(seq 4000001 4000060); do
    rm -rf "$WORK/placement"
    "$PAIWEI" place --data "$WORK/data" --commitment "$WORK/commitment.json" --ceremony 17 --ceremony 42 \
        --ceremony "drand:quicknet:$round:$BEACON" --candidate-runs 3 --drawn-index 2 --out "$WORK/placement" >/dev/null 2>"$WORK/place.log"
    if python3 -c "import json,sys; sys.exit(0 if json.load(open('$WORK/placement/summary.json'))['outcomes']['unplaced'] > 0 else 1)"; then
        break
    fi
done
cat "$WORK/place.log"
"$PAIWEI" verify "$WORK/placement" --commitment "$WORK/commitment.json" | tail -1
"$PAIWEI" publish "$WORK/placement" --out "$WORK/public"

# A folder that does not verify is not published.
rm -rf "$WORK/changed" "$WORK/public-changed"
cp -r "$WORK/placement" "$WORK/changed"
sed -i '2s/placed/unplaced/' "$WORK/changed/placements.csv"
status=0
if "$PAIWEI" publish "$WORK/changed" --out "$WORK/public-changed" >/dev/null 2>"$WORK/publish-changed.log" || [ -e "$WORK/public-changed" ]; then
    echo "FAIL paiwei publish published a folder that does not verify"
    status=1
else
    echo "ok   paiwei publish refuses a folder that does not verify: $(cat "$WORK/publish-changed.log")"
fi

# 5. Check in the browser.
echo "== datasets/sample, policy $POLICY, published to $WORK/public"
"$VENV/bin/python" scripts/check-public.py --chromium "$CHROMIUM" --public "$WORK/public" --placement "$WORK/placement" \
    --students "$WORK/data/students.csv" --out "$WORK/shots" || status=1

# 6. Optionally, a whole city's cohort: the page's size, and a look-up in it.
if [ -n "${PAIWEI_LARGE:-}" ]; then
    echo "== generated district of $PAIWEI_LARGE students"
    rm -rf "$WORK/large-data" "$WORK/large" "$WORK/large-public"
    "$PAIWEI" generate --preset chaoyang --students "$PAIWEI_LARGE" --seed 1 --out "$WORK/large-data" >/dev/null
    "$PAIWEI" commit --data "$WORK/large-data" --policy "$POLICY" --out "$WORK/large-commitment.json" >/dev/null
    "$PAIWEI" place --data "$WORK/large-data" --commitment "$WORK/large-commitment.json" --ceremony 17 --out "$WORK/large" >/dev/null 2>&1
    "$PAIWEI" publish "$WORK/large" --out "$WORK/large-public"
    "$VENV/bin/python" - "$CHROMIUM" "$WORK/large-public" <<'PY' || status=1
import csv, pathlib, sys, time
from playwright.sync_api import sync_playwright
chromium, public = sys.argv[1], pathlib.Path(sys.argv[2])
size = (public / "index.html").stat().st_size
rows = list(csv.DictReader(open(public / "results.csv", encoding="utf-8")))
print(f"index.html: {size:,} bytes for {len(rows):,} students ({size / len(rows):.1f} bytes per student)")
if size > 15_000_000:
    print("FAIL index.html is larger than 15 MB"); sys.exit(1)
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
    page = browser.new_page()
    page.set_default_timeout(300_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.monotonic()
    page.goto((public / "index.html").resolve().as_uri() + "#student=" + rows[len(rows) // 2]["student_id"], wait_until="load")
    page.wait_for_selector("#answer article.card")
    card = page.evaluate("() => Object.assign({}, document.querySelector('#answer article.card').dataset)")
    print(f"opened and answered in {time.monotonic() - start:.1f} s: {card['student']} {card['outcome']} {card['school']} match={card['match']}")
    if errors or card["match"] not in ("yes", "family") or card["published"] != rows[len(rows) // 2]["lottery_number"]:
        print(f"FAIL {errors} {card}"); sys.exit(1)
    browser.close()
PY
fi
exit $status
