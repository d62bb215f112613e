#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Outpost needs to build, run and test — only those missing.
# Uses sudo only when not already root; never prompts (CI has no stdin).
set -euo pipefail

PKGS=(
  # build the desktop app
  build-essential pkg-config file libwebkit2gtk-4.1-dev libdbus-1-dev
  # run it headless and drive it end to end
  xvfb xauth webkit2gtk-driver dbus-x11
  # real mail servers for the mail tests
  dovecot-core dovecot-imapd dovecot-lmtpd python3-aiosmtpd openssl
  # a real Secret Service for keychain tests
  gnome-keyring libsecret-tools dbus
  # the UI toolchain
  nodejs npm
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs from another source (nvm, NodeSource, the image) counts as present.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
[ ${#missing[@]} -eq 0 ] && { echo "system packages: all present"; exit 0; }

echo "system packages: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
# A private TMPDIR: apt's temp folder has vanished mid-install on shared machines.
APT_TMP=$(mktemp -d)
trap 'rm -rf "$APT_TMP"' EXIT
export DEBIAN_FRONTEND=noninteractive TMPDIR=$APT_TMP
$SUDO env DEBIAN_FRONTEND=noninteractive TMPDIR="$APT_TMP" apt-get -o DPkg::Lock::Timeout=600 -qq update
$SUDO env DEBIAN_FRONTEND=noninteractive TMPDIR="$APT_TMP" apt-get -o DPkg::Lock::Timeout=600 -y -qq \
  --no-install-recommends install "${missing[@]}" >/dev/null
# A packaged Dovecot must not hold the ports: tests start their own.
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now dovecot >/dev/null 2>&1 || true
fi
echo "system packages: done"
