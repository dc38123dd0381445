#!/usr/bin/env bash
# Installs the Pulumi CLI with Pulumi's official install script, at the version package-lock.json
# pins for @pulumi/pulumi: the CLI and the SDK the programs use are released together.
set -euo pipefail
cd "$(dirname "$0")/../../.."

version="$(npx --no-install tsx libs/pipeline/src/cli.ts pulumi-version)"
export PATH="$HOME/.pulumi/bin:$PATH"
if [ "$(pulumi version 2>/dev/null || true)" != "v${version}" ]; then
  curl -fsSL https://get.pulumi.com | sh -s -- --version "${version}"
fi
# Later steps of the job find the CLI too.
if [ -n "${BASH_ENV:-}" ]; then echo 'export PATH="$HOME/.pulumi/bin:$PATH"' >> "$BASH_ENV"; fi
pulumi version
