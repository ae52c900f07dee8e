#!/usr/bin/env bash
# Renders report.html and rosters.html of real placements in headless Chromium and checks them
# (scripts/check-html.py says what is checked). Installs what is missing: Chromium and CJK fonts from
# Debian (apt), Playwright and pypdf into a venv (PyPI). Playwright drives the system Chromium, since
# its own browser download is not available here.
#
# Usage: scripts/check-html.sh [OUTPUT_DIR]     (default: a new temporary folder)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SEED=$(printf '5a%.0s' {1..32})
WORK=${1:-$(mktemp -d -t paiwei-html-XXXXXX)}
mkdir -p "$WORK"

# Chromium, CJK fonts, Playwright and the packages below; paiwei, release (scripts/lib/browser-setup.sh).
source scripts/lib/browser-setup.sh
browser_setup playwright pypdf pypdfium2 PIL -- playwright pypdf pypdfium2 pillow

# Placements: the sample district (schools with several printed pages each), and a small generated
#    one (every roster fits a page, so the PDF must have exactly one page per school).
"$PAIWEI" place --data datasets/sample --policy chaoyang-2023-middle --seed "$SEED" --out "$WORK/sample" >/dev/null
"$PAIWEI" generate --preset chaoyang --students 160 --seed 7 --out "$WORK/small-data" >/dev/null
"$PAIWEI" place --data "$WORK/small-data" --policy chaoyang-2023-middle --seed "$SEED" --out "$WORK/small" >/dev/null
for folder in sample small; do
    for page in report.html rosters.html; do
        [ -f "$WORK/$folder/$page" ] || { echo "paiwei place did not write $folder/$page"; exit 1; }
    done
done

# Check in the browser.
status=0
echo "== sample: datasets/sample, policy chaoyang-2023-middle"
"$VENV/bin/python" scripts/check-html.py --chromium "$CHROMIUM" --placement "$WORK/sample" \
    --schools datasets/sample/schools.csv --out "$WORK/shots" --name sample || status=1
echo "== small: generated, 160 students"
"$VENV/bin/python" scripts/check-html.py --chromium "$CHROMIUM" --placement "$WORK/small" \
    --schools "$WORK/small-data/schools.csv" --out "$WORK/shots" --name small --one-page-per-school || status=1
exit $status
