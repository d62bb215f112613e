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
# The session bus starts no service by itself (no service directories): asked for the accessibility bus, it
# answers at once that there is none, as when there is no session bus at all (the app's own end-to-end run,
# which has never stalled). With the system's services, the app and WebKit's web process started the
# accessibility bus and registry just before each stalled WebDriver session in CI (sessions 9 and 10); that
# may be the cause, not proven. The keyring is started below, not activated.
cat > "$KR/session.conf" <<'CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
dbus-run-session --config-file="$KR/session.conf" -- sh -c '
  echo -n "outpost-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"' sh "$@"
