//go:build tools

// The provider's main package embeds schema files that are generated at build time, so it cannot
// be a `tool` directive; build.sh assembles it from the module cache. This file pins what it imports.
package deps

import (
	_ "github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	_ "github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
	_ "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)
