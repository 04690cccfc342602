#!/usr/bin/env bash
# Parley: `./parley.sh run` starts the dashboard, `./parley.sh test` runs lint and every test layer.
# Both create .venv with Python 3.11 on first use (installing Debian's venv package when run as
# root and it is missing); a stamp file per requirements file, holding the file's sha256, keeps
# re-runs from reinstalling until that requirements file changes.
set -euo pipefail
cd -- "$(dirname -- "${BASH_SOURCE[0]}")"

VENV=${VENV:-.venv}
BIN=$VENV/bin

usage() {
    cat <<EOF
Usage: ./parley.sh COMMAND [ARGS...]

  run [ARGS]    start the dashboard on http://localhost:${PORT:-8501}; ARGS go to streamlit
  test [ARGS]   lint, then unit, store, app and browser tests in one pytest run; ARGS go to pytest
                (installs Chromium, PostgreSQL, LibreOffice and poppler when run as root)
  check FOLDER          load a dataset folder and list every problem in it
  report FOLDER|ID      the coding report: what a reviewer must look at
  import FOLDER [--force]   import a dataset folder into the store
  export ID FOLDER      write a stored dataset back to a folder of YAML files
  history ID            every write to a stored dataset
  restore N             put back what history entry N recorded before it
  help          show this help

Environment:
  PORT                    port for run (default 8501)
  PARLEY_DATA_DIR         folder holding the dataset folders (default data/)
  PARLEY_DEFAULT_DATASET  dataset opened when a link names none (default russia-ukraine-2025)
  PARLEY_DATABASE_URL     the store (default: the SQLite file .parley/parley.db); e.g.
                          postgresql+psycopg://user@host/parley for a team server
  CHROMIUM                Chromium for the browser tests (default /usr/bin/chromium)
  CI=true                 browser, slide and PDF tests fail instead of skipping when
                          Chromium, LibreOffice or poppler is missing
  PYTHON                  the Python 3.11 that creates .venv (default python3.11, else python3)
EOF
}

die() {
    echo "parley.sh: $*" >&2
    exit 1
}

is_root() {
    [[ $(id -u) -eq 0 ]]
}

# True when the given command runs and is Python 3.11.
is_python311() {
    "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1
}

# Prints the Python that creates .venv: $PYTHON, else python3.11, else python3 if it is 3.11.
find_python() {
    if [[ -n ${PYTHON:-} ]]; then
        command -v -- "$PYTHON" >/dev/null 2>&1 || die "PYTHON=$PYTHON not found"
        is_python311 "$PYTHON" || echo "parley.sh: warning: PYTHON=$PYTHON is not Python 3.11" >&2
        echo "$PYTHON"
        return
    fi
    local candidate
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && is_python311 "$candidate"; then
            echo "$candidate"
            return
        fi
    done
    die "Python 3.11 not found: install it (Debian 12: sudo apt-get install python3.11 python3.11-venv), or point PYTHON at one"
}

# Prints the Debian package that provides venv/ensurepip for the given Python: python3.X-venv, or
# python3-venv when only that one is known to apt; python3.X-venv when apt knows neither.
venv_package() {
    local version pkg
    version=$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    if command -v apt-cache >/dev/null 2>&1; then
        for pkg in "python$version-venv" python3-venv; do
            if apt-cache show "$pkg" >/dev/null 2>&1; then
                echo "$pkg"
                return
            fi
        done
    fi
    echo "python$version-venv"
}

apt_install() {
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

remove_half_made_venv() {
    rm -rf -- "$VENV"
}

# Creates $VENV. When that fails because Debian's venv package is missing, installs it as root
# and retries, or stops naming the package to install. A half-made $VENV is never left behind.
create_venv() {
    local python pkg
    python=$(find_python)
    echo "parley.sh: creating $VENV with $python (a few seconds)" >&2
    trap remove_half_made_venv EXIT
    trap 'remove_half_made_venv; trap - INT; kill -INT $$' INT
    trap 'remove_half_made_venv; trap - TERM; kill -TERM $$' TERM
    if ! "$python" -m venv "$VENV"; then
        remove_half_made_venv
        if "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
            die "could not create $VENV with $python (see the error above)"
        fi
        pkg=$(venv_package "$python")
        if ! is_root; then
            die "$python has no venv/ensurepip module: install it with: sudo apt-get install $pkg"
        fi
        command -v apt-get >/dev/null 2>&1 || die "$python has no venv/ensurepip module and there is no apt-get to install $pkg"
        echo "Installing $pkg, which $python needs to create $VENV" >&2
        apt-get update
        pkg=$(venv_package "$python")
        DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg"
        "$python" -m venv "$VENV" || die "could not create $VENV with $python even after installing $pkg"
    fi
    # A new venv has nothing installed yet, whatever stamps an earlier one left.
    rm -f -- "$VENV"/.installed-*
    trap - EXIT INT TERM
}

ensure_venv() {
    [[ -x $BIN/python ]] || create_venv
}

# ensure_installed NAME REQUIREMENTS: pip-installs REQUIREMENTS into $VENV unless the stamp
# $VENV/.installed-NAME holds the file's current sha256.
ensure_installed() {
    local stamp=$VENV/.installed-$1 requirements=$2 sum
    sum=$(sha256sum -- "$requirements")
    sum=${sum%% *}
    if [[ -f $stamp && $(<"$stamp") == "$sum" ]]; then
        return
    fi
    if [[ -f $stamp ]]; then
        echo "parley.sh: $requirements changed; updating $VENV" >&2
    else
        echo "parley.sh: installing $requirements into $VENV (about two minutes the first time; pip lists each package)" >&2
    fi
    "$BIN/python" -m pip install --disable-pip-version-check --progress-bar off -r "$requirements" >&2
    echo "$sum" >"$stamp"
}

# Makes sure PostgreSQL's server binaries are installed (the store tests start a throwaway server).
ensure_postgres() {
    if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
        return
    fi
    if ! is_root; then
        die "PostgreSQL is missing. Install it with: sudo apt-get install postgresql"
    fi
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is missing and there is no apt-get to install it"
    echo "Installing PostgreSQL (for the store tests)" >&2
    apt_install postgresql
}

# Makes sure Chromium is at $CHROMIUM: installs Debian's chromium when root, else stops.
ensure_chromium() {
    if [[ -x $CHROMIUM ]]; then
        return
    fi
    if ! is_root; then
        die "Chromium is missing at $CHROMIUM. Install it with: sudo apt-get install chromium"
    fi
    command -v apt-get >/dev/null 2>&1 || die "Chromium is missing at $CHROMIUM and there is no apt-get to install it"
    echo "Installing Chromium" >&2
    apt_install chromium
    [[ -x $CHROMIUM ]] || die "installed Debian's chromium, but there is still no Chromium at $CHROMIUM"
}

# Makes sure the programs the slide and PDF tests read their output with are installed:
# LibreOffice Impress prints the deck to PDF, poppler-utils draws and reads the pages, and
# DejaVu is the font both fall back on. Installs the missing Debian packages when root, else stops.
ensure_render_tools() {
    local missing=()
    command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress)
    command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 &&
        command -v pdfimages >/dev/null 2>&1 || missing+=(poppler-utils)
    [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
    if [[ ${#missing[@]} -eq 0 ]]; then
        return
    fi
    if ! is_root; then
        die "${missing[*]} missing (the slide and PDF tests need them). Install with: sudo apt-get install ${missing[*]}"
    fi
    command -v apt-get >/dev/null 2>&1 || die "${missing[*]} missing and there is no apt-get to install them"
    echo "Installing ${missing[*]} (for the slide and PDF tests)" >&2
    apt_install --no-install-recommends "${missing[@]}"
    command -v soffice >/dev/null 2>&1 || die "installed ${missing[*]}, but there is still no soffice"
}

cmd_run() {
    ensure_venv
    ensure_installed run requirements.txt
    # Passed through to the app only when given, e.g. PARLEY_DATA_DIR=~/my-data ./parley.sh run
    [[ -n ${PARLEY_DATA_DIR:-} ]] || unset PARLEY_DATA_DIR
    [[ -n ${PARLEY_DEFAULT_DATASET:-} ]] || unset PARLEY_DEFAULT_DATASET
    exec "$BIN/python" -m streamlit run app.py --server.port "${PORT:-8501}" "$@"
}

cmd_parley() {
    ensure_venv
    ensure_installed run requirements.txt
    exec "$BIN/python" -m parley "$@"
}

cmd_test() {
    CHROMIUM=${CHROMIUM:-${PARLEY_CHROMIUM:-/usr/bin/chromium}}
    ensure_venv
    ensure_installed run requirements.txt
    ensure_installed dev requirements-dev.txt
    ensure_chromium
    ensure_postgres
    ensure_render_tools
    "$BIN/ruff" check .
    "$BIN/ruff" format --check .
    # One pytest run over the three layers. Any non-zero exit fails, including 5 (no tests
    # collected): a test run that ran nothing is not a pass.
    local status=0
    PARLEY_CHROMIUM=$CHROMIUM "$BIN/python" -m pytest tests/unit tests/store tests/app tests/browser "$@" || status=$?
    if [[ $status -eq 5 ]]; then
        echo "pytest collected no tests" >&2
    fi
    exit "$status"
}

command=${1:-help}
[[ $# -eq 0 ]] || shift
case $command in
    run) cmd_run "$@" ;;
    test) cmd_test "$@" ;;
    check | report | import | export | history | restore) cmd_parley "$command" "$@" ;;
    help | -h | --help) usage ;;
    *)
        echo "parley.sh: unknown command '$command'" >&2
        usage >&2
        exit 2
        ;;
esac
