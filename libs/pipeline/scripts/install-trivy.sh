#!/usr/bin/env bash
# Installs Trivy, the scanner the image pipeline gates every image on (`npm run image:scan`), at the
# version whose report format libs/pipeline/src/images/scan/trivy-report.ts reads. The archive is
# checked against the release's checksums. Its vulnerability database lives in TRIVY_CACHE_DIR,
# which the CircleCI jobs restore and save, so most runs download only what changed.
set -euo pipefail

TRIVY_VERSION="0.74.0"
install_dir="$HOME/.local/bin"
mkdir -p "$install_dir"
export PATH="$install_dir:$PATH"

if [ "$(trivy --version 2>/dev/null | head -1 || true)" != "Version: ${TRIVY_VERSION}" ]; then
  workdir="$(mktemp -d)"
  trap 'rm -rf "$workdir"' EXIT
  base="https://github.com/aquasecurity/trivy/releases/download/v${TRIVY_VERSION}"
  archive="trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz"
  curl -fsSL -o "$workdir/$archive" "$base/$archive"
  curl -fsSL -o "$workdir/checksums" "$base/trivy_${TRIVY_VERSION}_checksums.txt"
  (cd "$workdir" && grep " ${archive}\$" checksums | sha256sum --check --strict -)
  tar -xzf "$workdir/$archive" -C "$install_dir" trivy
fi

if [ -n "${BASH_ENV:-}" ]; then echo "export PATH=\"$install_dir:\$PATH\"" >> "$BASH_ENV"; fi
trivy --version | head -1
