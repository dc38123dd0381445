#!/usr/bin/env bash
# Builds the end-to-end toolchain from the Go modules pinned beside this script: the Pulumi CLI
# with this repository's Node.js language host, the Kubernetes provider, a control plane
# (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, metrics-server), and helm for
# the chart check.
#
# Each component is built into $PLATFORM_E2E_CACHE/<component>/<key>/bin, where <key> hashes the
# component's go.mod, go.sum, sources and this script, so a version bump builds anew and an
# unchanged component is found in milliseconds. Nothing is written into the work tree.
#
#   e2e/toolchain/build.sh             build what is missing, print each step's time
#   e2e/toolchain/build.sh --print-env print the export lines the e2e run uses, build nothing
set -euo pipefail

TOOLCHAIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${PLATFORM_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/degen-platform/e2e}"

# Versions that the build stamps into binaries; the modules' go.mod files pin the sources.
PULUMI_VERSION="v3.248.0"
# The provider module is a v4.24-era commit (see README); the build is stamped with the version
# that @pulumi/kubernetes in package-lock.json asks the engine for, so no download is attempted.
KUBERNETES_PROVIDER_STAMP="$(node -p 'require(process.argv[1]).packages["node_modules/@pulumi/kubernetes"].version' \
  "$TOOLCHAIN_DIR/../../package-lock.json")"
KUBERNETES_PROVIDER_MODULE="github.com/pulumi/pulumi-kubernetes/provider/v4"
# The control plane's version, as kubernetes/go.mod pins it.
KUBERNETES_VERSION="$(sed -n 's/^require k8s.io\/kubernetes \(v[0-9.]*\)$/\1/p' "$TOOLCHAIN_DIR/kubernetes/go.mod")"

export GOFLAGS="${GOFLAGS:--buildvcs=false}"

recipe_of() { echo "build_${1//-/_}"; }

key_of() { # component dir → short hash of what decides its build: module files, sources, recipe
  (cd "$TOOLCHAIN_DIR/$1" && find . -type f \( -name 'go.mod' -o -name 'go.sum' -o -name '*.go' \) -print0 |
    sort -z | xargs -0 sha256sum; declare -f "$(recipe_of "$1")"; echo "$PULUMI_VERSION $KUBERNETES_PROVIDER_STAMP $KUBERNETES_VERSION") |
    sha256sum | cut -c1-16
}

bin_dir() { echo "$CACHE/$1/$(key_of "$1")/bin"; }

step() { # name, component: run the component's recipe once per key, timed
  local name="$1" component="$2"
  local out
  out="$(bin_dir "$component")"
  if [[ -f "$out/.complete" ]]; then
    printf '%-22s cached   %s\n' "$name" "$out"
    return
  fi
  local started=$SECONDS
  rm -rf "$out" && mkdir -p "$out"
  (cd "$TOOLCHAIN_DIR/$component" && OUT="$out" "$(recipe_of "$component")")
  touch "$out/.complete"
  printf '%-22s built    %4ss  %s\n' "$name" "$((SECONDS - started))" "$out"
}

build_pulumi() {
  go build -o "$OUT/pulumi" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  # The engine looks for language plugins beside its own binary.
  go build -o "$OUT/pulumi-language-nodejs" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    ./cmd/pulumi-language-nodejs
}

build_kubernetes_provider() {
  # main.go embeds schema files that upstream generates at release time: assemble the command
  # from the module cache in a scratch module that reuses this module's go.mod and go.sum.
  local module_dir src
  go mod download "$KUBERNETES_PROVIDER_MODULE"
  module_dir="$(go list -m -f '{{.Dir}}' "$KUBERNETES_PROVIDER_MODULE")"
  src="$(dirname "$OUT")/src"
  rm -rf "$src" && mkdir -p "$src/cmd"
  cp go.mod go.sum "$src/"
  cp -r "$module_dir/cmd/pulumi-resource-kubernetes" "$src/cmd/"
  chmod -R u+w "$src"
  (cd "$src/cmd/pulumi-resource-kubernetes" && VERSION="$KUBERNETES_PROVIDER_STAMP" go run generate.go)
  (cd "$src" && go build -o "$OUT/pulumi-resource-kubernetes" \
    -ldflags "-X $KUBERNETES_PROVIDER_MODULE/pkg/version.Version=$KUBERNETES_PROVIDER_STAMP" \
    ./cmd/pulumi-resource-kubernetes)
  rm -rf "$src"
}

build_etcd() { go build -o "$OUT/etcd" go.etcd.io/etcd/server/v3; }

build_kwok() { go build -o "$OUT/kwok" sigs.k8s.io/kwok/cmd/kwok; }

build_metrics_server() { go build -o "$OUT/metrics-server" sigs.k8s.io/metrics-server/cmd/metrics-server; }

build_helm() {
  # Stamped as upstream's Makefile does: `helm version` reports the pinned release, and the
  # default Capabilities.KubeVersion (used when --kube-version is not given) follows client-go.
  local version k8s
  version="$(go list -m -f '{{.Version}}' helm.sh/helm/v3)"
  k8s="$(go list -m -f '{{.Version}}' k8s.io/client-go)" # v0.<minor>.<patch> is Kubernetes 1.<minor>
  k8s="${k8s#v0.}" && k8s="${k8s%%.*}"
  go build -trimpath -o "$OUT/helm" \
    -ldflags "-X helm.sh/helm/v3/internal/version.version=$version -X helm.sh/helm/v3/internal/version.gitTreeState=clean -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$k8s -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$k8s" \
    helm.sh/helm/v3/cmd/helm
}

build_kubernetes() {
  # Stamped as a release is: clients (the Kubernetes provider among them) read /version and
  # refuse a cluster that reports v0.0.0.
  go build -o "$OUT/" \
    -ldflags "-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=33 -X k8s.io/component-base/version.gitTreeState=clean" \
    k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler
}

print_env() {
  echo "export PLATFORM_E2E_CACHE=$CACHE"
  echo "export PLATFORM_E2E_PULUMI_BIN=$(bin_dir pulumi)"
  echo "export PLATFORM_E2E_KUBERNETES_PROVIDER_BIN=$(bin_dir kubernetes-provider)"
  echo "export PLATFORM_E2E_KUBERNETES_PROVIDER_VERSION=$KUBERNETES_PROVIDER_STAMP"
  echo "export PLATFORM_E2E_CONTROL_PLANE_BIN=$(bin_dir kubernetes):$(bin_dir etcd):$(bin_dir kwok):$(bin_dir metrics-server)"
  echo "export PLATFORM_E2E_HELM_BIN=$(bin_dir helm)"
}

if [[ "${1:-}" == "--print-env" ]]; then
  print_env
  exit 0
fi

echo "e2e toolchain cache: $CACHE"
total_started=$SECONDS
step "pulumi CLI + language" pulumi
step "kubernetes provider" kubernetes-provider
step "etcd" etcd
step "kwok" kwok
step "metrics-server" metrics-server
step "kubernetes" kubernetes
step "helm" helm
printf '%-22s          %4ss\n' "toolchain total" "$((SECONDS - total_started))"
