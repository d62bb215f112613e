#!/usr/bin/env bash
# Sets up everything Outpost needs on a Debian/Ubuntu machine, installing only what is missing:
# system packages, the Rust toolchain, Node.js, the UI's npm packages, and the built UI (ui/dist).
#   scripts/setup.sh            # to build and run the app
#   scripts/setup.sh --test     # also the test tools (tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

bash scripts/system-deps.sh

# Rust (rustup's stable toolchain with rustfmt and clippy).
if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    say "installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if command -v rustup >/dev/null 2>&1; then
  for c in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
  done
fi

# Node.js >= 20.19 (Vite's floor).
node_ok() { command -v node >/dev/null && node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a==20&&b>=19)?0:1)'; }
if ! node_ok; then
  echo "Node.js 20.19 or newer is needed (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it from your distribution or https://nodejs.org/ (e.g. NodeSource's nodejs 22), then rerun." >&2
  exit 1
fi

# npm packages: reinstalled only when package-lock.json changed.
lock_hash=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
if [ "$(cat ui/node_modules/.outpost-lock 2>/dev/null)" != "$lock_hash" ]; then
  say "installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > ui/node_modules/.outpost-lock
fi

say "building the UI"
(cd ui && npm run --silent build >/dev/null)

if [ "${1:-}" = "--test" ]; then
  tauri_driver="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$tauri_driver" ]; then
    say "installing tauri-driver (WebDriver for the end-to-end tests)"
    cargo install tauri-driver --locked --quiet
  fi
fi
say "setup done"
