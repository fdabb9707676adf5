# Shared by scripts/demo and scripts/test: a virtual environment in .venv
# with the project installed (editable) plus the extras named in $1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${LONA_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

ensure_venv() {
    local extras="$1"
    local stamp="$VENV/.installed-$extras"
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
            echo "Python 3.11 or newer is needed (found $("$PYTHON" --version))" >&2
            exit 1
        }
        "$PYTHON" -m venv "$VENV"
    fi
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e "$ROOT[$extras]"
        touch "$stamp"
    fi
}

# Chromium for the browser tests: LONA_TEST_BROWSER, Debian's chromium, or
# Playwright's own download where the network allows it.
ensure_browser() {
    if [ -n "${LONA_TEST_BROWSER:-}" ] || [ -x /usr/bin/chromium ]; then
        return
    fi
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        "$VENV/bin/python" -m playwright install chromium
    fi
}
