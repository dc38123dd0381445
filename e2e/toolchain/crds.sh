#!/usr/bin/env bash
# Generates the CustomResourceDefinitions that the platform's third-party Helm add-ons install,
# with their real schemas, from the operators' Go API types with controller-gen, so that the
# end-to-end kube-apiserver validates the custom objects our stacks create. Nothing is written
# into the work tree, and no schema is written by hand.
#
# Each operator has a Go module under crds/ that pins its API module at the version the
# platform's chart (or, for the Gateway API and Cilium, DOKS) ships and, as a tool, the generator
# upstream generated its CRDs with: controller-gen (for Cilium, its fork), or the Gateway API's
# own pkg/generator; the recipes below run it with upstream's own options (see crds/README.md
# for the versions, the evidence behind them and Cilium's one deviation).
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
OPERATORS=(prometheus-operator cert-manager gateway-api cilium)

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

build_tools() { # operator: build the tools that its module pins (controller-gen, or upstream's generator)
  mkdir -p "$WORK/bin/$1"
  (cd "$CRDS_DIR/$1" && go build -o "$WORK/bin/$1/" tool) || return
}

# Recipes: OPERATOR_DIR is the API module's directory, BIN the folder of the pinned tools,
# CONTROLLER_GEN the pinned controller-gen, GEN the directory to write the CRDs to.

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

gen_gateway_api() {
  # As `make generate` (hack/update-codegen.sh) at the tag: `go run ./pkg/generator` at the
  # module's root, which loads the API packages with upstream's go.mod and writes every kind to
  # config/crd/experimental and the standard ones (alpha versions unserved, experimental fields
  # dropped) to config/crd/standard. Here in a writable copy of the module (it writes beside its
  # sources, and the module cache is not to be written), emptied of the committed CRDs so that
  # every file kept is generated, with the generator this module pins (built with the same
  # controller-tools as upstream's go.mod); only the standard channel is kept.
  local src="$GEN.src"
  mkdir -p "$GEN" && cp -R "$OPERATOR_DIR" "$src" && chmod -R u+w "$src" || return
  rm -f "$src"/config/crd/standard/*.yaml "$src"/config/crd/experimental/*.yaml || return
  # It logs a line per CRD: shown only when it fails.
  (cd "$src" && "$BIN/generator" >"$GEN.log" 2>&1) || { cat "$GEN.log" >&2; return 1; }
  mv "$src"/config/crd/standard/*.yaml "$GEN/" || return
  rm -rf "$src"
}

gen_cilium() {
  # As `make manifests` (contrib/scripts/k8s-manifests-gen.sh) at the tag: controller-gen, built
  # from Cilium's fork of controller-tools as upstream's go.mod replaces it, run as
  # `crd:crdVersions=v1 paths=… output:crd:artifacts:config=…` at the module's root; restricted
  # to the cilium.io/v2 package (upstream adds v2alpha1, which holds neither policy kind) and
  # to the two network policy CRDs. One deviation: upstream's go.mod also replaces
  # k8s.io/apimachinery with Cilium's fork, which the module proxy here does not serve, so the
  # API types load with the k8s.io/apimachinery version its go.mod requires, through a copy of
  # its go.mod less that replace, given to `go list` with -modfile, and of its go.sum plus the
  # checksums of that k8s.io/apimachinery from crds/cilium/go.sum (upstream's lists only the
  # fork's); the sources stay in the read-only module cache. The result must equal the CRDs the
  # module commits (and the operator installs): a difference fails here rather than go unnoticed.
  local mod="$GEN.mod" name
  mkdir -p "$GEN" "$mod" || return
  sed '/^replace k8s\.io\/apimachinery =>/d' "$OPERATOR_DIR/go.mod" >"$mod/go.mod" || return
  cat "$OPERATOR_DIR/go.sum" >"$mod/go.sum" || return
  grep '^k8s\.io/apimachinery ' "$CRDS_DIR/cilium/go.sum" >>"$mod/go.sum" || return
  (cd "$OPERATOR_DIR" && GOFLAGS="$GOFLAGS -modfile=$mod/go.mod" "$CONTROLLER_GEN" crd:crdVersions=v1 \
    paths="$OPERATOR_DIR/pkg/k8s/apis/cilium.io/v2" output:crd:artifacts:config="$GEN") || return
  find "$GEN" -name '*.yaml' ! -name cilium.io_ciliumnetworkpolicies.yaml \
    ! -name cilium.io_ciliumclusterwidenetworkpolicies.yaml -delete || return
  for name in ciliumnetworkpolicies ciliumclusterwidenetworkpolicies; do
    cmp -s "$GEN/cilium.io_$name.yaml" "$OPERATOR_DIR/pkg/k8s/apis/cilium.io/client/crds/v2/$name.yaml" || {
      echo "the generated $name CRD differs from the module's pkg/k8s/apis/cilium.io/client/crds/v2/$name.yaml" >&2
      return 1
    }
  done
  rm -rf "$mod"
}

api_module_of() {
  case "$1" in
    prometheus-operator) echo "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring" ;;
    cert-manager) echo "github.com/cert-manager/cert-manager" ;;
    gateway-api) echo "sigs.k8s.io/gateway-api" ;;
    cilium) echo "github.com/cilium/cilium" ;;
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
    gateway-api) echo "gateway.networking.k8s.io_gatewayclasses gateway.networking.k8s.io_gateways" \
      "gateway.networking.k8s.io_httproutes gateway.networking.k8s.io_grpcroutes gateway.networking.k8s.io_referencegrants" ;;
    cilium) echo "cilium.io_ciliumnetworkpolicies cilium.io_ciliumclusterwidenetworkpolicies" ;;
  esac
}

generate() { # operator
  local op="$1" name
  GEN="$WORK/gen/$op" OPERATOR_DIR="$(cat "$WORK/$op.dir")" OPERATOR_VERSION="$(cat "$WORK/$op.version")" \
    BIN="$WORK/bin/$op" CONTROLLER_GEN="$WORK/bin/$op/controller-gen" "gen_${op//-/_}" || return
  for name in $(expected_of "$op"); do
    [[ -s "$WORK/gen/$op/$name.yaml" ]] || { echo "the generator wrote no $name.yaml" >&2; return 1; }
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
