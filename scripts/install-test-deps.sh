#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, if they are missing:
#   chromium     the real browser the webview and end-to-end tests drive
#   libkrb5-dev  headers code-server's kerberos module builds against (end-to-end tests)
#   ripgrep      the rg binary code-server's VS Code expects (end-to-end tests)
#   unzip        lists the packaged VSIX in the packaging test
#   iproute2     the network namespace the end-to-end tests run code-server in (no way out)
#   build-essential, python3  code-server's native modules build from source, offline
#   sqlite3      the CLI that writes the SQLite fixtures and plays the owning app in the live tests (never used by the product)
# Run as root (CI) or with sudo available. Idempotent: does nothing when all are present.
set -euo pipefail

packages=(chromium libkrb5-dev ripgrep unzip iproute2 build-essential python3 sqlite3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test:deps: ${packages[*]} already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "test:deps: missing ${missing[*]}, and this machine has no apt-get: install them with your package manager" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "test:deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "test:deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test:deps: installed ${missing[*]}"
