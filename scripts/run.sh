#!/usr/bin/env bash
# Sets up everything, builds Outpost and opens it. The database is the app's own, in the OS app-data
# dir (~/.local/share/app.outpost.crm/outpost.db); a new one starts empty and offers the sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/setup.sh
printf '\033[1m==> %s\033[0m\n' "building the app (the first build takes several minutes)"
cargo build -p outpost-app --quiet
exec "${CARGO_TARGET_DIR:-target}/debug/outpost-app" "$@"
