import { describe, expect, it } from "vitest";
import { withExampleTenant } from "./example-tenant";

/** As `contracts/cluster-base/src/examples.ts` is written: a comment, a constant, a tenant with a dash. */
const EXAMPLES = `/** The plan masks the kubeconfig { a secret }. */
import { stackExamples } from "@platform/stack-contracts";
import { clusterBase, type ClusterBaseOutputs } from "./index";

const KUBECONFIG = "apiVersion: v1\\nkind: Config\\n";

export const clusterBaseExamples = stackExamples<ClusterBaseOutputs>(clusterBase, {
  local: {
    clusterName: "kind-degen",
    kubeconfig: "",
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "",
      },
      "pioneer-agent": {
        namespace: "pioneer-agent",
        imagePullSecret: "",
      },
    },
  },
  dev: {
    clusterName: "do-cluster-2b9226d",
    kubeconfig: KUBECONFIG,
    kubernetesVersion: "<known after deploy: version of cluster {x}>",
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "registry-pull", // the same in every tenant, a comment with }
      },
      "pioneer-agent": {
        namespace: "pioneer-agent",
        imagePullSecret: "registry-pull",
      },
    },
  },
});
`;

const entry = (name: string, pullSecret: string) =>
  `      ${name}: {\n        namespace: "${name.replace(/"/g, "")}",\n        imagePullSecret: "${pullSecret}",\n      },\n`;

describe("withExampleTenant", () => {
  it("adds the tenant after the last one in each stack asked for, with that stack's pull secret, leaving every other byte as it was", () => {
    const result = withExampleTenant(EXAMPLES, "arcade", ["local", "dev"]);
    expect(result.missing).toEqual([]);
    const [head, dev] = EXAMPLES.split("  dev: {\n");
    expect(result.text).toBe(
      `${head!.replace(entry('"pioneer-agent"', ""), `${entry('"pioneer-agent"', "")}${entry("arcade", "")}`)}  dev: {\n${dev!.replace(
        entry('"pioneer-agent"', "registry-pull"),
        `${entry('"pioneer-agent"', "registry-pull")}${entry("arcade", "registry-pull")}`,
      )}`,
    );
  });

  it("quotes a tenant name that is not an identifier, and leaves stacks not asked for alone", () => {
    const result = withExampleTenant(EXAMPLES, "arcade-games", ["dev"]);
    expect(result.text).toBe(
      EXAMPLES.replace(
        entry('"pioneer-agent"', "registry-pull"),
        `${entry('"pioneer-agent"', "registry-pull")}      "arcade-games": {\n        namespace: "arcade-games",\n        imagePullSecret: "registry-pull",\n      },\n`,
      ),
    );
  });

  it("changes nothing where the tenant is listed", () => {
    const once = withExampleTenant(EXAMPLES, "arcade", ["local", "dev"]).text;
    expect(withExampleTenant(once, "arcade", ["local", "dev"])).toEqual({ text: once, missing: [] });
    expect(withExampleTenant(EXAMPLES, "degenquest", ["local", "dev"])).toEqual({ text: EXAMPLES, missing: [] });
  });

  it("writes one-line tenants on one line, and keeps a list without a trailing comma without one", () => {
    const text = `export const x = stackExamples(clusterBase, {
  dev: { tenants: { degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" } } },
});
`;
    expect(withExampleTenant(text, "arcade", ["dev"]).text).toBe(
      `export const x = stackExamples(clusterBase, {
  dev: { tenants: { degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" }, arcade: { namespace: "arcade", imagePullSecret: "registry-pull" } } },
});
`,
    );
  });

  it("names the stacks it could not give the tenant: not in the file, without tenants, or not written as it reads them", () => {
    const text = `export const x = stackExamples(clusterBase, {
  dev: { tenants: {} },
  staging: { tenants: STAGING_TENANTS },
});
`;
    expect(withExampleTenant(text, "arcade", ["dev", "staging", "production"])).toEqual({ text, missing: ["dev", "staging", "production"] });
    expect(withExampleTenant("export const x = 1;\n", "arcade", ["dev"])).toEqual({ text: "export const x = 1;\n", missing: ["dev"] });
  });
});
