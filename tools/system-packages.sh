#!/usr/bin/env bash
# Installs the Debian packages the tests need on the machine (idempotent: installs only what is
# missing, and runs `apt-get update` at most once per call).
#
#   bash tools/system-packages.sh          install what is missing (needs root or sudo)
#   bash tools/system-packages.sh --check  exit 1 and list what is missing, install nothing
#
# Packages:
#   redis-server  Argo CD's cache for the tests that run the real application controller and
#                 repo server (packages/test-kit/src/argocd.ts)
#   git           the loopback Git server those tests serve repositories from (git http-backend)
#   openssl       that server's self-signed TLS certificate (Argo CD clones over https, as from a forge)
set -euo pipefail

# package:command that proves it is installed
PACKAGES=(redis-server:redis-server git:git openssl:openssl)

missing=()
for entry in "${PACKAGES[@]}"; do
  pkg=${entry%%:*}
  cmd=${entry#*:}
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system-packages: all installed (${PACKAGES[*]%%:*})"
  exit 0
fi
if [[ ${1:-} == --check ]]; then
  echo "system-packages: missing: ${missing[*]}; run: bash tools/system-packages.sh" >&2
  exit 1
fi

SUDO=
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "system-packages: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "system-packages: installing ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
