//go:build tools

// Package tools pins the cert-manager module whose API Go types crds.sh turns into
// CustomResourceDefinitions with controller-gen; nothing imports or builds this package.
package tools

import (
	_ "github.com/cert-manager/cert-manager/pkg/apis/acme/v1"
	_ "github.com/cert-manager/cert-manager/pkg/apis/certmanager/v1"
)
