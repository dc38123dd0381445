import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { AnalyzeRequest, AnalyzerResourceOptions, EnforcementLevel, type AnalyzeResponse, type AnalyzerInfo } from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_POLICIES } from "./policies/index";
import { compliantDeployment, edit } from "./testing";

const PACK_DIR = resolve(__dirname, "..");

let pack: ChildProcess;
let client: AnalyzerClient;

/**
 * Starts the pack the way the Pulumi CLI does: run it, read the port it serves the analyzer on.
 */
beforeAll(async () => {
  pack = spawn(process.execPath, ["--import", "tsx", "index.ts"], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(pack.stdout!, "data")) as [Buffer];
  client = new AnalyzerClient(`127.0.0.1:${chunk.toString().trim()}`, grpc.credentials.createInsecure());
});

afterAll(() => {
  client?.close();
  pack?.kill();
});

function analyze(type: string, urn: string, props: Record<string, unknown>): Promise<AnalyzeResponse> {
  const request = new AnalyzeRequest()
    .setType(type)
    .setUrn(urn)
    .setName(urn.split("::").pop()!)
    .setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(props))))
    .setOptions(new AnalyzerResourceOptions());
  return new Promise((done, fail) => client.analyze(request, (error, response) => (error ? fail(error) : done(response))));
}

describe("the policy pack under the analyzer protocol", () => {
  it("serves every platform policy and the two exemption reports", async () => {
    const info = await new Promise<AnalyzerInfo>((done, fail) =>
      client.getAnalyzerInfo(new Empty(), (error, response) => (error ? fail(error) : done(response))),
    );
    expect(info.getName()).toBe("degen-platform");
    expect(info.getPoliciesList().map((policy) => policy.getName())).toEqual([
      ...PLATFORM_POLICIES.map((policy) => policy.name),
      "documented-exemptions",
      "documented-stack-exemptions",
    ]);
  });

  it("accepts a compliant Deployment and reports a container without a memory limit", async () => {
    const { type, props } = compliantDeployment();
    const urn = `urn:pulumi:production::degenquest::${type}::degen-server`;
    expect((await analyze(type, urn, props)).getDiagnosticsList()).toEqual([]);
    const unlimited = edit(compliantDeployment(), (p) => delete p.spec.template.spec.containers[0].resources.limits);
    const diagnostics = (await analyze(type, urn, unlimited.props)).getDiagnosticsList();
    expect(diagnostics.map((d) => [d.getPolicyname(), d.getMessage()])).toEqual([
      ["container-resources", expect.stringContaining('containers "server" has no resources.limits.memory')],
    ]);
  });

  it("reports an exempted violation as an advisory with its reason, never as the blocking policy", async () => {
    const labels = { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/part-of": "networking", "app.kubernetes.io/managed-by": "pulumi" };
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "ingress-nginx-controller", labels }, spec: { type: "LoadBalancer" } };
    const type = "kubernetes:core/v1:Service";
    const diagnostics = (await analyze(type, `urn:pulumi:production::networking::${type}::ingress`, service)).getDiagnosticsList();
    expect(diagnostics.map((d) => [d.getPolicyname(), d.getEnforcementlevel() === EnforcementLevel.ADVISORY])).toEqual([["documented-exemptions", true]]);
    expect(diagnostics[0]!.getMessage()).toContain("Exempt from service-exposure (the ingress-nginx controller's Service in the networking stack) because");
  });
});
