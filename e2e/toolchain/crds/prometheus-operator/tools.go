//go:build tools

// Package tools pins the prometheus-operator API module whose Go types crds.sh turns into
// CustomResourceDefinitions with controller-gen; nothing imports or builds this package.
package tools

import (
	_ "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	_ "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1alpha1"
)
