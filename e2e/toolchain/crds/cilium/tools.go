//go:build tools

// Package tools pins the Cilium module whose API Go types crds.sh turns into
// CustomResourceDefinitions with controller-gen (Cilium's fork of controller-tools, a tool of
// this module, as upstream's go.mod replaces it); nothing imports or builds this package.
package tools

import (
	_ "github.com/cilium/cilium/pkg/k8s/apis/cilium.io/v2"
)
