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
SCRATCH="$ROOT/.build-html"
VENV="$ROOT/.build-html-venv"
SEED=$(printf '5a%.0s' {1..32})
WORK=${1:-$(mktemp -d -t paiwei-html-XXXXXX)}
mkdir -p "$WORK"

apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "== apt-get install $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. Chromium, and fonts with Chinese glyphs (else every heading renders as boxes).
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ]; then
    apt_install chromium
    CHROMIUM=$(command -v chromium)
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install fonts-noto-cjk
fi
echo "== $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"

# 2. Playwright (Python), a PDF reader and a PDF renderer (previews of the printed pages) in a venv of their own.
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import playwright, pypdf, pypdfium2, PIL" 2>/dev/null; then
    echo "== pip install playwright pypdf pypdfium2 pillow"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$VENV/bin/pip" install -q playwright pypdf pypdfium2 pillow
fi

# 3. paiwei, release.
echo "== swift build -c release"
if ! swift build -c release --scratch-path "$SCRATCH" --product paiwei >"$WORK/build.log" 2>&1; then
    grep -E "error" "$WORK/build.log" | sort -u | head -20
    echo "build failed (log: $WORK/build.log)"
    exit 1
fi
PAIWEI="$SCRATCH/release/paiwei"

# 4. Placements: the sample district (schools with several printed pages each), and a small generated
#    one (every roster fits a page, so the PDF must have exactly one page per school).
"$PAIWEI" place --data datasets/sample --policy chaoyang-2023-middle --seed "$SEED" --out "$WORK/sample" >/dev/null
"$PAIWEI" generate --preset chaoyang --students 160 --seed 7 --out "$WORK/small-data" >/dev/null
"$PAIWEI" place --data "$WORK/small-data" --policy chaoyang-2023-middle --seed "$SEED" --out "$WORK/small" >/dev/null
for folder in sample small; do
    for page in report.html rosters.html; do
        [ -f "$WORK/$folder/$page" ] || { echo "paiwei place did not write $folder/$page"; exit 1; }
    done
done

# 5. Check in the browser.
status=0
echo "== sample: datasets/sample, policy chaoyang-2023-middle"
"$VENV/bin/python" scripts/check-html.py --chromium "$CHROMIUM" --placement "$WORK/sample" \
    --schools datasets/sample/schools.csv --out "$WORK/shots" --name sample || status=1
echo "== small: generated, 160 students"
"$VENV/bin/python" scripts/check-html.py --chromium "$CHROMIUM" --placement "$WORK/small" \
    --schools "$WORK/small-data/schools.csv" --out "$WORK/shots" --name small --one-page-per-school || status=1
exit $status
