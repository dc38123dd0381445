import { describe, expect, it } from "vitest";
import type { StackResult } from "./scheduler";
import { renderSummary } from "./summary";

const planned: StackResult = {
  ok: true,
  project: "cluster-base",
  stack: "dev",
  durationMs: 1234,
  forReaders: { outputs: {}, secretOutputNames: [] },
  plan: {
    project: "cluster-base",
    stack: "dev",
    resources: [
      { urn: "urn:c", type: "platform:cluster-base:TenantNamespace", name: "degenquest", parent: null, custom: false, inputs: {} },
      { urn: "urn:a", type: "kubernetes:core/v1:Namespace", name: "a", parent: "urn:c", custom: true, inputs: {} },
      { urn: "urn:b", type: "kubernetes:core/v1:Namespace", name: "b", parent: "urn:c", custom: true, inputs: {} },
      { urn: "urn:d", type: "digitalocean:index/vpc:Vpc", name: "vpc", parent: null, custom: true, inputs: {} },
    ],
    outputs: { clusterName: "degen", kubeconfig: "[secret]" },
    stackReferences: [],
    invokes: [{ token: "digitalocean:index/getDomain:getDomain", answered: false }],
  },
};
const failed: StackResult = {
  ok: false,
  project: "networking",
  stack: "dev",
  badInput: true,
  message: 'Stack "dev" has 1 configuration problem:\n  - networking:domain is "x": expected a DNS name',
};

describe("renderSummary", () => {
  it("counts resources by type, lists outputs and flags provider calls it could not answer", () => {
    expect(renderSummary([planned])).toBe(
      [
        "✓ cluster-base (dev): 3 resources in 1 component, 1234 ms",
        "      2 × core/v1 Namespace",
        "      1 × digitalocean Vpc",
        "    offline answers missing for: digitalocean:index/getDomain:getDomain",
        "    outputs",
        "      clusterName        degen",
        "      kubeconfig         [secret]",
        "",
        "Planned 1 stack.",
      ].join("\n"),
    );
  });

  it("shows a failure's message indented under the stack, and counts failures", () => {
    expect(renderSummary([planned, failed], { failuresOnly: true })).toBe(
      [
        "✗ networking (dev)",
        '    Stack "dev" has 1 configuration problem:',
        '      - networking:domain is "x": expected a DNS name',
        "",
        "1 of 2 stacks failed to plan.",
      ].join("\n"),
    );
  });

  it("gives a stack that was not planned because its upstream failed one line, and counts it apart", () => {
    const blocked: StackResult = {
      ok: false,
      project: "degenquest",
      stack: "dev",
      badInput: true,
      message: "not planned: it reads networking/dev, which failed to plan",
      blockedBy: "networking/dev",
    };
    expect(renderSummary([planned, failed, blocked], { failuresOnly: true })).toBe(
      [
        "✗ networking (dev)",
        '    Stack "dev" has 1 configuration problem:',
        '      - networking:domain is "x": expected a DNS name',
        "",
        "- degenquest (dev): not planned: it reads networking/dev, which failed to plan",
        "",
        "1 of 3 stacks failed to plan; 1 more was not planned because a stack it reads failed.",
      ].join("\n"),
    );
  });

  it("counts every stack even when only failures are shown", () => {
    expect(renderSummary([planned, planned], { failuresOnly: true })).toBe("Planned 2 stacks.");
  });
});
