import { describe, expect, it } from "vitest";
import { stackGraphMismatches, stacksReadInState } from "./platform";

const reference = (name: string) => ({ urn: `urn:pulumi:e2e::app::pulumi:pulumi:StackReference::${name}`, type: "pulumi:pulumi:StackReference", inputs: { name } });

describe("the stack references of a deployed stack", () => {
  it("are the projects named by the StackReference resources in its state, once each", () => {
    const state = [
      { urn: "urn:pulumi:e2e::app::pulumi:pulumi:Stack::app-e2e", type: "pulumi:pulumi:Stack" },
      reference("organization/networking/e2e"),
      reference("organization/cluster-base/e2e"),
      reference("organization/cluster-base/e2e"),
      { urn: "urn:pulumi:e2e::app::kubernetes:core/v1:Namespace::ns", type: "kubernetes:core/v1:Namespace", inputs: { name: "organization/x/e2e" } },
    ];
    expect(stacksReadInState(state)).toEqual(["cluster-base", "networking"]);
  });

  it("must equal the stack graph; each difference names the stack, what it read and what the graph says", () => {
    const graph = new Map([
      ["cluster-base", []],
      ["networking", ["cluster-base"]],
      ["app", ["cluster-base", "networking"]],
    ]);
    expect(stackGraphMismatches(new Map([["cluster-base", []], ["networking", ["cluster-base"]], ["app", ["cluster-base", "networking"]]]), graph)).toEqual([]);
    expect(stackGraphMismatches(new Map([["cluster-base", ["networking"]], ["app", ["cluster-base"]]]), graph)).toEqual([
      "cluster-base read networking on the engine, but the stack graph says none",
      "app read cluster-base on the engine, but the stack graph says cluster-base, networking",
    ]);
  });
});
