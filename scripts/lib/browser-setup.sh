# Sourced by scripts/check-html.sh, check-reports.sh and check-public.sh (from the repository root):
# installs what a headless-browser check needs when it is missing, and builds paiwei.
#
#   browser_setup PYTHON_MODULE... -- PIP_PACKAGE...
#
# Chromium and CJK fonts from Debian (apt; without the fonts every Chinese heading renders as boxes),
# Playwright and the given Python packages into .build-html-venv (PyPI; Playwright drives the system
# Chromium), then `swift build -c release` into .build-html. Sets CHROMIUM, VENV, SCRATCH and PAIWEI;
# needs WORK (a folder for the build log).

apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "== apt-get install $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

browser_setup() {
    local modules=() packages=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do modules+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    packages=("$@")
    SCRATCH="$(pwd)/.build-html"
    VENV="$(pwd)/.build-html-venv"

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
    local imports
    imports=$(IFS=,; echo "${modules[*]}")
    if ! "$VENV/bin/python" -c "import $imports" 2>/dev/null; then
        echo "== pip install ${packages[*]}"
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$VENV/bin/pip" install -q "${packages[@]}"
    fi

    echo "== swift build -c release"
    if ! swift build -c release --scratch-path "$SCRATCH" --product paiwei >"$WORK/build.log" 2>&1; then
        grep -E "error" "$WORK/build.log" | sort -u | head -20
        echo "build failed (log: $WORK/build.log)"
        exit 1
    fi
    PAIWEI="$SCRATCH/release/paiwei"
}
