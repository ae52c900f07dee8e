#!/usr/bin/env bash
# Opens workbooks written by WorkbookWriter in LibreOffice headless, converts every sheet back to
# CSV and checks that every cell equals the CSV file it was made from (scripts/check-xlsx.py says
# how cells compare). Installs LibreOffice Calc from Debian (apt) if it is missing.
#
# Usage: scripts/check-xlsx.sh PLACEMENT_DIR
#            checks the results.xlsx that `paiwei place` wrote into PLACEMENT_DIR: its three sheets
#            against the folder's placements.csv, schools.csv and warnings.csv, cell by cell, the
#            header row as bilingual names ending in the CSV files' (`学生编号 student_id`).
#        scripts/check-xlsx.sh
#            places datasets/sample with the debug paiwei into a temporary folder and checks its
#            results.xlsx as above; also writes students.xlsx from datasets/sample/students.csv
#            (through the test entry point WorkbookWriterTests/exportEntryPoint) and checks it.
#        scripts/check-xlsx.sh --check WORKBOOK.xlsx SHEET1.csv [SHEET2.csv ...]
#            checks an existing workbook: its sheets, in order, against the CSV files.
#
# LibreOffice 7.2 and later export all sheets with the CSV filter's 12th option, -1, one file per
# sheet named BOOK-SHEET.csv; the 9th option, false, exports stored values rather than values as
# formatted (though dates and percentages are still written as shown, which results.xlsx does
# not use).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
FILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

if ! command -v soffice >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "== apt-get install libreoffice-calc"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libreoffice-calc >/dev/null
fi
echo "== $(soffice --version | head -1)"

# check [--bilingual-header] WORKBOOK CSV... : exports every sheet and compares sheet i with CSV i.
check() {
    local header=()
    if [ "$1" = "--bilingual-header" ]; then
        header=(--bilingual-header)
        shift
    fi
    local book=$1
    shift
    local out
    out=$(mktemp -d -t paiwei-xlsx-csv-XXXXXX)
    local profile
    profile=$(mktemp -d -t paiwei-lo-profile-XXXXXX)
    soffice "-env:UserInstallation=file://$profile" --headless --convert-to "$FILTER" --outdir "$out" "$book" >"$out/soffice.log" 2>&1 || {
        cat "$out/soffice.log"
        return 1
    }
    rm -rf "$profile"
    # The sheet names, in order, from the workbook itself (LibreOffice names each file after one).
    mapfile -t names < <(python3 - "$book" <<'PY'
import re, sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode()
for name in re.findall(r'<sheet name="([^"]*)"', xml):
    print(name.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'))
PY
)
    local stem
    stem=$(basename "$book" .xlsx)
    local pairs=()
    local index=0
    for expected in "$@"; do
        local exported="$out/$stem-${names[$index]}.csv"
        [ -f "$exported" ] || exported="$out/$stem.csv"   # a one-sheet workbook may keep its name
        [ -f "$exported" ] || { echo "LibreOffice wrote no CSV for sheet ${names[$index]} (see $out)"; ls "$out"; return 1; }
        pairs+=("$exported" "$expected")
        index=$((index + 1))
    done
    echo "== $book: ${#names[@]} sheets (${names[*]})"
    python3 scripts/check-xlsx.py "${header[@]}" "${pairs[@]}"
}

# A placement folder: its results.xlsx against its CSV files.
check_placement() {
    local folder=$1
    [ -f "$folder/results.xlsx" ] || { echo "no results.xlsx in $folder"; return 1; }
    ls -l "$folder/results.xlsx"
    check --bilingual-header "$folder/results.xlsx" "$folder/placements.csv" "$folder/schools.csv" "$folder/warnings.csv"
}

if [ "${1:-}" = "--check" ]; then
    shift
    check "$@"
    exit $?
fi
if [ -n "${1:-}" ]; then
    check_placement "$1"
    exit $?
fi

WORK=$(mktemp -d -t paiwei-xlsx-XXXXXX)
mkdir -p "$WORK"
SEED=$(printf '5a%.0s' {1..32})

echo "== swift build (debug, with tests)"
swift build --build-tests >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
"$ROOT/.build/debug/paiwei" place --data datasets/sample --policy chaoyang-2023-middle --seed "$SEED" --out "$WORK/sample" >/dev/null

write() {   # write OUT.xlsx NAME=CSV ...
    local out=$1
    shift
    local sheets
    sheets=$(IFS='|'; echo "$*")
    PAIWEI_XLSX_OUT="$out" PAIWEI_XLSX_SHEETS="$sheets" swift test --skip-build --filter 'WorkbookWriterTests/exportEntryPoint' >"$WORK/export.log" 2>&1 || {
        tail -20 "$WORK/export.log"
        exit 1
    }
    [ -f "$out" ] || { echo "the entry point wrote no $out (see $WORK/export.log)"; exit 1; }
}

write "$WORK/students.xlsx" "students=$ROOT/datasets/sample/students.csv"

status=0
check_placement "$WORK/sample" || status=1
check "$WORK/students.xlsx" "$ROOT/datasets/sample/students.csv" || status=1
exit $status
