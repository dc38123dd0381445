import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The contract is checked by the compiler: these tests compile small programs against the
 * cluster-base contract, as a producer and as a consumer, and assert on the diagnostics.
 */
const workspace = resolve(__dirname, "../../..");
const scratch = mkdtempSync(join(resolve(__dirname, ".."), ".type-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const header = `
import * as pulumi from "@pulumi/pulumi";
import type { StackOutputs } from "@platform/stack-contracts";
import { clusterBase, type ClusterBaseOutputs } from "@platform/cluster-base-contract";
const complete = {
  environment: "dev", clusterMode: "local", clusterName: pulumi.output("kind"), kubernetesVersion: "local",
  kubeconfig: pulumi.secret(""), kubeContext: "kind-degen", registryServer: "localhost:5001",
  storageClass: "standard", tenants: { degenquest: { namespace: pulumi.output("degenquest"), imagePullSecret: "" } },
  gatewayApi: pulumi.output({ available: true, gatewayClassName: "cilium" } as const),
} as const;
`;

const cases = {
  complete: `export const ok: StackOutputs<ClusterBaseOutputs> = complete;`,
  missing: `const { kubeconfig: _k, ...rest } = complete;\nexport const missing: StackOutputs<ClusterBaseOutputs> = rest;`,
  wrongType: `export const wrong: StackOutputs<ClusterBaseOutputs> = { ...complete, clusterMode: "somewhere" };`,
  extra: `export const extra: StackOutputs<ClusterBaseOutputs> = { ...complete, clusterEndpoint: "x" };`,
  unpublished: `const base = clusterBase.read();\nexport const endpoint = base.clusterEndpoint;`,
  typedRead: `const base = clusterBase.read();\nexport const n: pulumi.Output<number> = base.clusterName;`,
};

/** Compiles every case in one program (one compiler start) and returns each case's errors. */
function compileCases(): Record<keyof typeof cases, string> {
  const files = Object.fromEntries(Object.keys(cases).map((name) => [name, join(scratch, `${name}.ts`)]));
  for (const [name, body] of Object.entries(cases)) writeFileSync(files[name]!, `${header}\n${body}\n`);
  const { config } = ts.readConfigFile(join(workspace, "tsconfig.base.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, workspace);
  const program = ts.createProgram(Object.values(files), { ...options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return Object.fromEntries(
    Object.entries(files).map(([name, file]) => [
      name,
      diagnostics
        .filter((d) => d.file?.fileName === file)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))
        .join("\n"),
    ]),
  ) as Record<keyof typeof cases, string>;
}


describe("stack contracts at compile time", () => {
  let errors: Record<keyof typeof cases, string>;
  // One TypeScript program over every case and the Pulumi SDK's typings: about a second.
  beforeAll(() => {
    errors = compileCases();
  });

  it("accept a program that exports exactly the contract, Outputs included", () => {
    expect(errors.complete).toBe("");
  });

  it("refuse a program that leaves an output out", () => {
    expect(errors.missing).toMatch(/Property 'kubeconfig' is missing/);
  });

  it("refuse a program that exports an output of the wrong type", () => {
    expect(errors.wrongType).toMatch(/"somewhere"/);
  });

  it("refuse a program that exports an output its contract does not declare", () => {
    expect(errors.extra).toMatch(/'clusterEndpoint' does not exist/);
  });

  it("refuse a consumer that reads an output the producer does not publish", () => {
    expect(errors.unpublished).toMatch(/Property 'clusterEndpoint' does not exist/);
  });

  it("type the outputs a consumer reads", () => {
    expect(errors.typedRead).toMatch(/Type 'Output<string>' is not assignable to type 'OutputInstance<number>'/);
  });
});
