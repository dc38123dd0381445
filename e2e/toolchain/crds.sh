#!/usr/bin/env bash
# Generates the CustomResourceDefinitions that the platform's third-party Helm add-ons install,
# with their real schemas, from the operators' Go API types with controller-gen, so that the
# end-to-end kube-apiserver validates the custom objects our stacks create. Nothing is written
# into the work tree, and no schema is written by hand.
#
# Each operator has a Go module under crds/ that pins its API module at the version the
# platform's chart ships and, as a tool, the controller-gen version upstream generated its
# CRDs with; the recipes below run controller-gen with upstream's own options (see
# crds/README.md for the versions and the evidence behind them).
#
#   e2e/toolchain/crds.sh OUT_DIR
#
# OUT_DIR receives one <group>_<plural>.yaml per CRD, and a .complete marker holding a hash of
# crds/ (go.mod, go.sum, *.go) and this script: when the marker matches, nothing is done.
set -euo pipefail

TOOLCHAIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CRDS_DIR="$TOOLCHAIN_DIR/crds"
SELF="$TOOLCHAIN_DIR/$(basename "${BASH_SOURCE[0]}")"
# ECK is left out: logging is off in the e2e environment.
OPERATORS=(prometheus-operator cert-manager)

die() { echo "crds.sh: $*" >&2; exit 1; }

[[ $# -eq 1 && -n "$1" ]] || die "usage: crds.sh OUT_DIR"
command -v go >/dev/null || die "the go command is not on PATH"
OUT="${1%/}"

# controller-gen loads the API packages with `go list` inside the operator's own module (in the
# read-only module cache), so that module's go.mod and go.sum decide their dependencies, as
# upstream; -mod=readonly makes a module that would need changes fail instead of being written.
export GOFLAGS="-mod=readonly -buildvcs=false"
export GOWORK=off
export CGO_ENABLED=0

key() { # hash of what decides the output: the modules under crds/ and this script
  (cd "$CRDS_DIR" && find . -type f \( -name 'go.mod' -o -name 'go.sum' -o -name '*.go' \) -print0 |
    sort -z | xargs -0 sha256sum; sha256sum <"$SELF") | sha256sum | cut -d' ' -f1
}
KEY="$(key)"

if [[ -f "$OUT/.complete" && "$(cat "$OUT/.complete")" == "$KEY" ]]; then
  printf '%-38s cached   %s\n' "crds" "$OUT"
  exit 0
fi

mkdir -p "$(dirname "$OUT")"
WORK="$(mktemp -d "$OUT.tmp.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

step() { # name, command…: run once, timed, with a clear message when it fails
  local name="$1" started=$SECONDS
  shift
  if ! "$@"; then
    die "step '$name' failed (its output is above)"
  fi
  printf '%-38s %4ss\n' "$name" "$((SECONDS - started))"
}

module_dir() { # module path → its directory in the module cache, at the version go.mod pins
  local dir
  go mod download "$1" || return
  dir="$(go list -m -f '{{.Dir}}' "$1")" || return
  [[ -n "$dir" && -d "$dir" ]] || { echo "no directory for module $1" >&2; return 1; }
  echo "$dir"
}

download() { # operator, module path: fetch the module, record its directory and version
  local dir
  dir="$(cd "$CRDS_DIR/$1" && module_dir "$2")" || return
  echo "$dir" >"$WORK/$1.dir"
  (cd "$CRDS_DIR/$1" && go list -m -f '{{.Version}}' "$2") >"$WORK/$1.version"
}

build_tools() { # operator: build the controller-gen that its module pins
  mkdir -p "$WORK/bin/$1"
  (cd "$CRDS_DIR/$1" && go build -o "$WORK/bin/$1/" sigs.k8s.io/controller-tools/cmd/controller-gen) || return
}

# Recipes: OPERATOR_DIR is the API module's directory, CONTROLLER_GEN the pinned controller-gen,
# GEN the directory to write the CRDs to.

gen_prometheus_operator() {
  # As `make generate-crds` at the tag: the example/prometheus-operator-crd set that the
  # kube-prometheus-stack chart copies (AlertmanagerConfig v1alpha1 only, no v1beta1).
  "$CONTROLLER_GEN" crd:crdVersions=v1 paths="$OPERATOR_DIR/v1" paths="$OPERATOR_DIR/v1alpha1" \
    output:crd:dir="$GEN" || return
  # As upstream's scripts/generate/append-operator-version.sh.
  sed -i "/^    controller-gen.kubebuilder.io.version.*/a\\    operator.prometheus.io/version: ${OPERATOR_VERSION#v}" \
    "$GEN"/*.yaml
}

gen_cert_manager() {
  # As `make generate-crds` (make/_shared_new/helm/crds.mk), restricted to the API packages:
  # the same six CRDs as deploy/crds and the chart's templates.
  "$CONTROLLER_GEN" crd paths="$OPERATOR_DIR/pkg/apis/certmanager/v1" paths="$OPERATOR_DIR/pkg/apis/acme/v1" \
    output:crd:dir="$GEN"
}

api_module_of() {
  case "$1" in
    prometheus-operator) echo "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring" ;;
    cert-manager) echo "github.com/cert-manager/cert-manager" ;;
    *) die "unknown operator $1" ;;
  esac
}

# The CRDs that the platform's stacks create objects of: generation must have produced them.
expected_of() {
  case "$1" in
    prometheus-operator) echo "monitoring.coreos.com_servicemonitors monitoring.coreos.com_podmonitors" \
      "monitoring.coreos.com_probes monitoring.coreos.com_prometheusrules" ;;
    cert-manager) echo "cert-manager.io_certificates cert-manager.io_issuers cert-manager.io_clusterissuers" \
      "cert-manager.io_certificaterequests acme.cert-manager.io_orders acme.cert-manager.io_challenges" ;;
  esac
}

generate() { # operator
  local op="$1" name
  GEN="$WORK/gen/$op" OPERATOR_DIR="$(cat "$WORK/$op.dir")" OPERATOR_VERSION="$(cat "$WORK/$op.version")" \
    CONTROLLER_GEN="$WORK/bin/$op/controller-gen" "gen_${op//-/_}" || return
  for name in $(expected_of "$op"); do
    [[ -s "$WORK/gen/$op/$name.yaml" ]] || { echo "controller-gen wrote no $name.yaml" >&2; return 1; }
  done
}

collect() { # move every operator's CRDs into one directory, refusing clashing file names
  local f
  mkdir -p "$WORK/out"
  for f in "$WORK"/gen/*/*.yaml; do
    [[ ! -e "$WORK/out/$(basename "$f")" ]] || { echo "two operators generate $(basename "$f")" >&2; return 1; }
    mv "$f" "$WORK/out/"
  done
}

started=$SECONDS
for op in "${OPERATORS[@]}"; do
  step "download $op" download "$op" "$(api_module_of "$op")"
  step "build tools $op" build_tools "$op"
  step "generate $op $(cat "$WORK/$op.version")" generate "$op"
done
step "collect" collect
echo "$KEY" >"$WORK/out/.complete"
rm -rf "$OUT"
mv "$WORK/out" "$OUT"
printf '%-38s %4ss  %s (%s CRDs)\n' "crds" "$((SECONDS - started))" "$OUT" "$(find "$OUT" -name '*.yaml' | wc -l)"
