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

# What the tests need from the system: Chromium for the browser tests
# (LONA_TEST_BROWSER, Debian's chromium, or Playwright's own download where
# the network allows it), redis-server and nginx for the multi-process tests,
# Node.js for the client's unit tests (tests/client_js).
ensure_test_system() {
    local missing=()
    if [ -z "${LONA_TEST_BROWSER:-}" ] && [ ! -x /usr/bin/chromium ]; then
        missing+=(chromium)
    fi
    command -v redis-server >/dev/null || missing+=(redis-server)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v node >/dev/null || missing+=(nodejs)
    [ ${#missing[@]} -gt 0 ] || return 0
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    if command -v apt-get >/dev/null; then
        $sudo apt-get update -qq
        # env: sudo would drop a plain VAR=value prefix
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif [[ " ${missing[*]} " == *" chromium "* ]]; then
        "$VENV/bin/python" -m playwright install chromium
    fi
}
