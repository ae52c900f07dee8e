#!/usr/bin/env bash
# Renders the three reports — report.html of a placement, of a simulation and of a forecast — of the
# sample district and of generated districts of 30,000 and 150,000 students in headless Chromium at
# 1400 px, and checks them (scripts/check-reports.py says what is checked: no request, no console
# error, size and load time, a map on every page, no text cut off or overlapping). Installs what is
# missing like scripts/check-html.sh: Chromium and CJK fonts (apt), Playwright and Pillow (PyPI, a venv).
#
# Usage: scripts/check-reports.sh [--quick] [--docs] [OUTPUT_DIR]
#   --quick   the sample district only
#   --docs    also write docs/report-*.png: small screenshots of the 30,000-student district's maps
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCRATCH="$ROOT/.build-html"
VENV="$ROOT/.build-html-venv"
SEED=$(printf '5a%.0s' {1..32})
QUICK=0
DOCS=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1; shift ;;
        --docs) DOCS=1; shift ;;
        *) break ;;
    esac
done
WORK=${1:-$(mktemp -d -t paiwei-reports-XXXXXX)}
mkdir -p "$WORK"

apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "== apt-get install $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ]; then
    apt_install chromium
    CHROMIUM=$(command -v chromium)
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install fonts-noto-cjk
fi
echo "== $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import playwright, PIL" 2>/dev/null; then
    echo "== pip install playwright pillow"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$VENV/bin/pip" install -q playwright pillow
fi

echo "== swift build -c release"
if ! swift build -c release --scratch-path "$SCRATCH" --product paiwei >"$WORK/build.log" 2>&1; then
    grep -E "error" "$WORK/build.log" | sort -u | head -20
    echo "build failed (log: $WORK/build.log)"
    exit 1
fi
PAIWEI="$SCRATCH/release/paiwei"
MIN_TOTAL="$ROOT/Tests/PaiweiCLITests/Fixtures/min-total-distance-policy.json"

# One district: place (with min_total_distance, so that the comparison map is drawn too), simulate, forecast.
#   run NAME DATA FORECAST_DATA REPLICATIONS FORECAST_REPLICATIONS
PAGES=()
run() {
    local name=$1 data=$2 forecast=$3 replications=$4 years=$5
    echo "== $name: place, simulate ($replications replications), forecast 2024-2028 ($years replications)"
    rm -rf "$WORK/$name-place" "$WORK/$name-simulate" "$WORK/$name-forecast"
    local t0=$SECONDS
    "$PAIWEI" place --data "$data" --policy "$MIN_TOTAL" --seed "$SEED" --out "$WORK/$name-place" >/dev/null
    "$PAIWEI" simulate --data "$data" --policy chaoyang-2023-middle --seed "$SEED" --replications "$replications" \
        --workers 2 --out "$WORK/$name-simulate" >/dev/null 2>&1
    "$PAIWEI" forecast --data "$forecast" --policy chaoyang-2023-middle --years 2024-2028 --replications "$years" \
        --workers 2 --out "$WORK/$name-forecast" >/dev/null 2>&1
    echo "   made in $((SECONDS - t0)) s"
    PAGES+=("$name-place=$WORK/$name-place/report.html:place"
            "$name-simulate=$WORK/$name-simulate/report.html:simulate"
            "$name-forecast=$WORK/$name-forecast/report.html:forecast")
}

run sample datasets/sample datasets/forecast-sample 40 20
if [ "$QUICK" -eq 0 ]; then
    for students in 30000 150000; do
        data="$WORK/district-$students"
        if [ ! -f "$data/cohorts.csv" ]; then
            "$PAIWEI" generate --preset chaoyang --students "$students" --seed 1 --out "$data" >/dev/null
            python3 scripts/make-cohorts.py "$data" 2024 2028 >/dev/null
        fi
    done
    run 30k "$WORK/district-30000" "$WORK/district-30000" 20 5
    run 150k "$WORK/district-150000" "$WORK/district-150000" 8 3
fi

echo "== Chromium"
DOCS_ARGS=()
[ "$DOCS" -eq 1 ] && DOCS_ARGS=(--docs "$WORK/docs")
status=0
"$VENV/bin/python" scripts/check-reports.py --chromium "$CHROMIUM" --out "$WORK/shots" ${DOCS_ARGS[@]+"${DOCS_ARGS[@]}"} "${PAGES[@]}" || status=$?
if [ "$DOCS" -eq 1 ] && [ "$QUICK" -eq 0 ]; then
    for kind in place simulate forecast; do
        cp "$WORK/docs/30k-$kind.png" "docs/report-$kind.png"
    done
    ls -l docs/report-*.png
fi
echo "Screenshots: $WORK/shots"
exit $status
