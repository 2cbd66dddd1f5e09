#!/usr/bin/env bash
# Installs the Debian packages codeact's tests and full-power interpreter use:
# bubblewrap and python3-seccomp (the sandbox and its seccomp filter), python3-pip (the host installs
# packages on demand with it), Debian's python3 with its
# scientific stack, PostgreSQL (store and queue tests), Redis (queue tests), jupyter-server with
# python3-ipykernel (jupyter executor tests) and Chromium (browser tests of the chat UI).
set -euo pipefail
packages=(bubblewrap python3 python3-seccomp python3-pip python3-numpy python3-pandas python3-matplotlib python3-sklearn python3-sympy postgresql redis-server jupyter-server python3-ipykernel chromium fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all system packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
