#!/usr/bin/env bash
# Installs Trivy, the scanner the image pipeline gates every image on (`npm run image:scan`), at the
# version whose report format libs/pipeline/src/images/scan/trivy-report.ts reads. The archive is
# checked against the release's checksums. Its vulnerability database lives in ~/.cache/trivy,
# which the CircleCI jobs restore and save, so most runs download only what changed.
set -euo pipefail
# shellcheck source=verified-release.sh
source "$(dirname "${BASH_SOURCE[0]}")/verified-release.sh"

TRIVY_VERSION="0.74.0"
install_dir="$HOME/.local/bin"
mkdir -p "$install_dir"
export PATH="$install_dir:$PATH"

if [ "$(trivy --version 2>/dev/null | head -1 || true)" != "Version: ${TRIVY_VERSION}" ]; then
  install_verified_binary "https://github.com/aquasecurity/trivy/releases/download/v${TRIVY_VERSION}" \
    "trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz" "trivy_${TRIVY_VERSION}_checksums.txt" trivy "$install_dir"
fi

if [ -n "${BASH_ENV:-}" ]; then echo "export PATH=\"$install_dir:\$PATH\"" >> "$BASH_ENV"; fi
trivy --version | head -1
