#!/usr/bin/env bash
# Sets up everything, then runs every check and test: formatting, lints, the core/CLI/shell tests,
# keychain tests against a real Secret Service, the UI tests, and the end-to-end tests of the real app
# under Xvfb. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# CI clones afresh each run; keep Rust build artifacts outside the clone so later runs reuse them.
if [ -n "${CI:-}" ] && [ -z "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="$HOME/.cache/outpost-ci/target"
fi
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

bash scripts/setup.sh --test

say "formatting and lints"
cargo fmt --all --check
(cd ui && npm run --silent lint)
cargo clippy --workspace --all-targets --quiet -- -D warnings

say "building the app and the tests"
cargo build --workspace --all-targets --quiet

say "core, CLI and shell tests"
cargo test --workspace --quiet

say "keychain tests (real Secret Service: gnome-keyring in a private D-Bus session)"
bash scripts/with-keyring.sh cargo test -p outpost-core --test keychain -p outpost-cli --test mailbox --test outbox --test sync --quiet -- --ignored

say "UI tests"
(cd ui && npm test --silent)

say "end-to-end tests (the real app under Xvfb)"
xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p outpost-e2e --test app --quiet -- --ignored --test-threads=1

say "end-to-end mail tests (the real app with the real test servers and Secret Service)"
# NO_AT_BRIDGE: inside a D-Bus session GTK starts the accessibility bridge, which stalls WebKit's automation.
bash scripts/with-keyring.sh env NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p outpost-e2e --test mail --quiet -- --ignored --test-threads=1
