import { validateConfig, type Environment } from "@platform/config";
import { describe, expect, it } from "vitest";
import { configSchema, DEFAULT_EGRESS, DEFAULT_RESOURCES, loadPioneerAgentConfig } from "./config";
import { mockRuntime } from "@platform/testing";

const SHA = "3f9c2a7e1b4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f";

function check(environment: Environment, config: Record<string, unknown>, secretKeys: string[] = []) {
  const values = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return validateConfig("pioneer-agent", configSchema(environment), { values, secretKeys: new Set(secretKeys) });
}

function problems(environment: Environment, config: Record<string, unknown>, secretKeys: string[] = []): string[] {
  const result = check(environment, config, secretKeys);
  return result.ok ? [] : result.problems;
}

describe("pioneer-agent configuration", () => {
  it("fills every documented default", () => {
    const result = check("dev", { imageTag: SHA });
    expect(result.ok && result.value).toEqual({
      imageTag: SHA,
      nodeEnv: "production",
      ingress: { layout: "paths", subdomain: "pioneer", extraServerPaths: ["/socket.io"], idleTimeoutSeconds: 3600 },
      resources: DEFAULT_RESOURCES,
      storageGiB: 10,
      egress: DEFAULT_EGRESS,
      writablePaths: ["/tmp"],
      env: {},
      sensitiveEnvNames: [],
      plainEnvNames: [],
    });
    expect(DEFAULT_RESOURCES).toEqual({ cpuRequest: "1", memoryRequest: "2Gi", cpuLimit: "2", memoryLimit: "4Gi" });
  });

  it("requires an immutable image tag outside local, naming the key CI writes", () => {
    expect(problems("production", {})).toEqual([expect.stringMatching(/^pioneer-agent:imageTag is required/)]);
    expect(problems("staging", { imageTag: "latest" })).toEqual([
      'pioneer-agent:imageTag is "latest": staging runs only immutable images: expected the 40-hex commit SHA that CI tagged the image with, ' +
        'or a "sha256:<64 hex>" digest (set it with `pulumi config set pioneer-agent:imageTag <sha>`)',
    ]);
    expect(problems("dev", { imageTag: `sha256:${"a".repeat(64)}` })).toEqual([]);
  });

  it("runs a moving tag, or none, only on local", () => {
    expect(problems("local", {})).toEqual([]);
    expect(problems("local", { imageTag: "latest" })).toEqual([]);
    expect(problems("local", { imageTag: "not a tag!" })).toEqual(['pioneer-agent:imageTag is "not a tag!": expected an image tag, such as "latest" on local']);
  });

  it("reports every bad value at once", () => {
    expect(
      problems("production", {
        imageTag: SHA,
        nodeEnv: "development",
        ingress: { layout: "paths", subdomain: "Pioneer", apiSubdomain: "api" },
        resources: { cpuRequest: "3", memoryRequest: "2Gi", cpuLimit: "2", memoryLimit: "lots" },
        storageGiB: 0,
        egress: [{ description: "db", cidr: "10.0.0.0/33", ports: [] }],
      }),
    ).toEqual([
      'pioneer-agent:egress.0.cidr is "10.0.0.0/33": the prefix length 33 is above 32: expected an IPv4 CIDR block such as "0.0.0.0/0" or "10.110.0.0/20"',
      "pioneer-agent:egress.0.ports is []: Too small: expected array to have >=1 items",
      'pioneer-agent:ingress.apiSubdomain is "api": is used only with layout "hosts": remove it, or set layout to "hosts"',
      'pioneer-agent:ingress.subdomain is "Pioneer": expected lower-case letters, digits and \'-\', starting and ending with a letter or digit',
      'pioneer-agent:nodeEnv is "development": production runs the agent as it runs for users: expected "production"',
      'pioneer-agent:resources.cpuRequest is "3": must not exceed resources.cpuLimit (2)',
      'pioneer-agent:resources.memoryLimit is "lots": expected a positive Kubernetes memory quantity, such as "512Mi"',
      "pioneer-agent:storageGiB is 0: Too small: expected number to be >=1",
    ]);
  });

  it("gives the API its own host only when it differs from the client's, and allows development mode before staging", () => {
    expect(problems("staging", { imageTag: SHA, ingress: { layout: "hosts", subdomain: "agent", apiSubdomain: "agent" } })).toEqual([
      'pioneer-agent:ingress.apiSubdomain is "agent": must differ from ingress.subdomain',
    ]);
    expect(problems("dev", { imageTag: SHA, nodeEnv: "development", ingress: { layout: "hosts", subdomain: "agent" } })).toEqual([]);
    expect(problems("dev", { imageTag: SHA, ingress: { extraServerPaths: ["/ws", "socket"] } })).toEqual([
      'pioneer-agent:ingress.extraServerPaths.1 is "socket": expected a path below "/", such as "/socket.io"',
    ]);
    expect(problems("dev", { imageTag: SHA, ingress: { extraServerPaths: ["/api/ws"] } })).toEqual([
      'pioneer-agent:ingress.extraServerPaths is ["/api/ws"]: must not repeat "/api", which always goes to the server',
    ]);
  });

  it("refuses an imported setting that contradicts what the program sets", () => {
    expect(problems("dev", { imageTag: SHA, env: { SERVER_PORT: "3001", CLIENT_PORT: "5173", NODE_ENV: "production" } })).toEqual([
      'pioneer-agent:env.SERVER_PORT is "3001": the program sets SERVER_PORT to "3000" (the image\'s port): remove it from the imported .env',
    ]);
    expect(problems("dev", { imageTag: SHA, secretEnv: { NODE_ENV: "x" } }, ["secretEnv"])).toEqual([
      "pioneer-agent:secretEnv.NODE_ENV is [secret]: the program sets NODE_ENV: remove it with `pulumi config rm --stack dev --path pioneer-agent:secretEnv.NODE_ENV`",
    ]);
  });

  it("refuses secrets in plain text, whether the whole map or one setting", async () => {
    expect(problems("dev", { imageTag: SHA, secretEnv: { OPENAI_API_KEY: "sk-1" } })).toEqual([
      "pioneer-agent:secretEnv holds a sensitive value in plain text: set it with `pulumi config set --secret pioneer-agent:secretEnv <value>`",
    ]);
    await mockRuntime({ project: "pioneer-agent", stack: "dev", config: { "pioneer-agent:imageTag": SHA, "pioneer-agent:env": { OPENAI_API_KEY: "sk-leak" } } });
    expect(() => loadPioneerAgentConfig("dev")).toThrow(
      "pioneer-agent:env.OPENAI_API_KEY is a secret (its name ends in _KEY) stored in plain text: move it with " +
        "`pulumi config rm --stack dev --path pioneer-agent:env.OPENAI_API_KEY` and " +
        "`pulumi config set --stack dev --secret --path pioneer-agent:secretEnv.OPENAI_API_KEY <value>`, or list OPENAI_API_KEY in pioneer-agent:plainEnvNames if it is public",
    );
  });
});
