#!/usr/bin/env bash
# Installs doctl, which the kubeconfig cluster-base publishes for a DigitalOcean cluster runs to get
# a short-lived token on each connection (projects/cluster-base/src/components/doks-kubeconfig.ts),
# and hands it the API token the pipeline already has: doctl reads DIGITALOCEAN_ACCESS_TOKEN, the
# DigitalOcean provider DIGITALOCEAN_TOKEN. The archive is checked against the release's checksums.
set -euo pipefail
# shellcheck source=verified-release.sh
source "$(dirname "${BASH_SOURCE[0]}")/verified-release.sh"

DOCTL_VERSION="1.166.0"
install_dir="$HOME/.local/bin"
mkdir -p "$install_dir"
export PATH="$install_dir:$PATH"

if [ "$(doctl version 2>/dev/null | head -1 || true)" != "doctl version ${DOCTL_VERSION}-release" ]; then
  install_verified_binary "https://github.com/digitalocean/doctl/releases/download/v${DOCTL_VERSION}" \
    "doctl-${DOCTL_VERSION}-linux-amd64.tar.gz" "doctl-${DOCTL_VERSION}-checksums.sha256" doctl "$install_dir"
fi

if [ -n "${BASH_ENV:-}" ]; then
  echo "export PATH=\"$install_dir:\$PATH\"" >> "$BASH_ENV"
  # Only where a token is given: forks' pull requests get none, and doctl must then fail clearly.
  if [ -n "${DIGITALOCEAN_TOKEN:-}" ]; then echo 'export DIGITALOCEAN_ACCESS_TOKEN="${DIGITALOCEAN_ACCESS_TOKEN:-$DIGITALOCEAN_TOKEN}"' >> "$BASH_ENV"; fi
fi
doctl version | head -1
