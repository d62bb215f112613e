#!/bin/sh
# Runs a command in a private D-Bus session with an unlocked gnome-keyring (a real Secret Service),
# with HOME and XDG dirs in a throwaway folder so the user's own keyring is never touched.
set -e
KR=$(mktemp -d "${TMPDIR:-/tmp}/outpost-keyring-XXXXXX")
trap 'rm -rf "$KR"' EXIT
export XDG_DATA_HOME="$KR/data" XDG_RUNTIME_DIR="$KR/run" XDG_CONFIG_HOME="$KR/config"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" HOME="$KR"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c '
  echo -n "outpost-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"' sh "$@"
