#!/usr/bin/env bash
# Runs a command without the environment an outer `npm run` leaves behind.
#
#   clean-npm-env.sh [--node-home DIR] [--] COMMAND [ARGS...]
#
# `npm start`, `npm test` and `npm run e2e:setup` export their own configuration to every child as
# npm_* / npm_config_* variables (npm_config_user_agent names the Node that runs the outer npm),
# plus NODE, INIT_CWD and node_modules/.bin folders on PATH. A nested npm reads those variables as
# its own configuration, so an install meant for another Node (code-server needs Node 24) would see
# the outer Node 20: code-server's postinstall reads the Node version from npm_config_user_agent.
#
# This removes all of it (connection settings excepted: registry, proxies, CA file, npmrc paths)
# and, with --node-home, puts DIR/bin first on PATH and points npm_config_nodedir at DIR, so npm
# runs on that Node and node-gyp compiles against its headers.
set -euo pipefail

node_home=""
if [ "${1:-}" = "--node-home" ]; then
  node_home="$2"
  shift 2
fi
[ "${1:-}" = "--" ] && shift
if [ $# -eq 0 ]; then
  echo "usage: clean-npm-env.sh [--node-home DIR] [--] COMMAND [ARGS...]" >&2
  exit 2
fi

# Settings that say how to reach the registry, not how the outer npm runs.
kept='^npm_config_(registry|@.*:registry|proxy|https_proxy|http_proxy|noproxy|cafile|strict_ssl|userconfig|globalconfig)$'

unset_args=()
while IFS= read -r -d '' entry; do
  name="${entry%%=*}"
  lower="${name,,}"
  if [[ "$lower" == npm_* && ! "$lower" =~ $kept ]] || [ "$name" = NODE ] || [ "$name" = INIT_CWD ]; then
    unset_args+=(-u "$name")
  fi
done < <(env -0)

# Drop the node_modules/.bin folders and npm's node-gyp shim folder that `npm run` prepends.
path=""
IFS=':' read -r -a path_entries <<<"${PATH:-}"
for dir in "${path_entries[@]}"; do
  case "$dir" in
    */node_modules/.bin | */node-gyp-bin | "") ;;
    *) path="${path:+$path:}$dir" ;;
  esac
done

settings=("PATH=$path")
if [ -n "$node_home" ]; then
  settings=("PATH=$node_home/bin:$path" "npm_config_nodedir=$node_home")
fi
exec env "${unset_args[@]}" "${settings[@]}" "$@"
