#!/usr/bin/env bash
# Installs doctl, which the kubeconfig cluster-base publishes for a DigitalOcean cluster runs to get
# a short-lived token on each connection (projects/cluster-base/src/components/doks-kubeconfig.ts),
# and hands it the API token the pipeline already has: doctl reads DIGITALOCEAN_ACCESS_TOKEN, the
# DigitalOcean provider DIGITALOCEAN_TOKEN. The archive is checked against the release's checksums.
set -euo pipefail

DOCTL_VERSION="1.166.0"
install_dir="$HOME/.local/bin"
mkdir -p "$install_dir"
export PATH="$install_dir:$PATH"

if [ "$(doctl version 2>/dev/null | head -1 || true)" != "doctl version ${DOCTL_VERSION}-release" ]; then
  workdir="$(mktemp -d)"
  trap 'rm -rf "$workdir"' EXIT
  base="https://github.com/digitalocean/doctl/releases/download/v${DOCTL_VERSION}"
  archive="doctl-${DOCTL_VERSION}-linux-amd64.tar.gz"
  curl -fsSL -o "$workdir/$archive" "$base/$archive"
  curl -fsSL -o "$workdir/checksums" "$base/doctl-${DOCTL_VERSION}-checksums.sha256"
  (cd "$workdir" && grep " ${archive}\$" checksums | sha256sum --check --strict -)
  tar -xzf "$workdir/$archive" -C "$install_dir" doctl
fi

if [ -n "${BASH_ENV:-}" ]; then
  echo "export PATH=\"$install_dir:\$PATH\"" >> "$BASH_ENV"
  # Only where a token is given: forks' pull requests get none, and doctl must then fail clearly.
  if [ -n "${DIGITALOCEAN_TOKEN:-}" ]; then echo 'export DIGITALOCEAN_ACCESS_TOKEN="${DIGITALOCEAN_ACCESS_TOKEN:-$DIGITALOCEAN_TOKEN}"' >> "$BASH_ENV"; fi
fi
doctl version | head -1
