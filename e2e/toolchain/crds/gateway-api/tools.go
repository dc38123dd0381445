//go:build tools

// Package tools pins the Gateway API module whose API Go types crds.sh turns into
// CustomResourceDefinitions with upstream's own generator (its pkg/generator, a tool of this
// module); nothing imports or builds this package.
package tools

import (
	_ "sigs.k8s.io/gateway-api/apis/v1"
	_ "sigs.k8s.io/gateway-api/apis/v1beta1"
)
