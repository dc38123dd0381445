import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditCluster } from "./audit";
import { fixtureKubeApi } from "./fixture-api";
import { connectKubeApi } from "./kube-client";

const PRODUCTION = join(__dirname, "../fixtures/production");

/** The fixture's file for a request path, as an API server would answer it. */
function fixtureFor(pathname: string, continueToken: string | null): string | undefined {
  const page = continueToken ? ".page2" : "";
  const routes: [RegExp, (match: RegExpMatchArray) => string][] = [
    [/^\/api\/v1$/, () => "discovery/api-v1.json"],
    [/^\/apis$/, () => "discovery/apis.json"],
    [/^\/apis\/([^/]+)\/([^/]+)$/, (m) => `discovery/${m[1]}_${m[2]}.json`],
    [/^\/api\/v1\/namespaces$/, () => "cluster/namespaces.json"],
    [/^\/api\/v1\/namespaces\/([^/]+)\/([^/]+)$/, (m) => `cluster/${m[1]}/${m[2]}.v1${page}.json`],
    [/^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)$/, (m) => `cluster/${m[3]}/${m[4]}.${m[1]}_${m[2]}${page}.json`],
  ];
  for (const [pattern, file] of routes) {
    const match = pathname.match(pattern);
    if (match) return file(match);
  }
  return undefined;
}

describe("connectKubeApi against an API server on this machine", () => {
  let server: Server;
  let kubeconfig: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      const file = fixtureFor(url.pathname, url.searchParams.get("continue"));
      const body = file && existsSync(join(PRODUCTION, file)) ? readFileSync(join(PRODUCTION, file), "utf8") : file ? '{"items":[]}' : undefined;
      response.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      response.end(body ?? '{"kind":"Status","message":"not found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    kubeconfig = join(mkdtempSync(join(tmpdir(), "audit-http-")), "config");
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{ name: recorded, cluster: { server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true } }]
users: [{ name: auditor, user: { token: "read-only" } }]
contexts: [{ name: recorded-production, context: { cluster: recorded, user: auditor } }]
current-context: recorded-production
`,
    );
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await new Promise((resolve) => server.close(resolve));
  });

  it("finds through the real client exactly what the recorded responses hold, page by page, read-only", async () => {
    vi.stubEnv("KUBECONFIG", kubeconfig);
    const options = { namespaces: ["degenquest"] };

    const overHttp = await auditCluster(connectKubeApi(), options);
    const fromFixtures = await auditCluster(fixtureKubeApi(PRODUCTION), options);

    expect(overHttp.problems).toEqual([]);
    expect(overHttp.findings).toEqual(fromFixtures.findings);
    expect(overHttp.objectsChecked).toBe(fromFixtures.objectsChecked);
    expect(requests.filter((request) => request.includes("continue="))).toHaveLength(1);
    expect(requests.every((request) => request.startsWith("GET "))).toBe(true);
  });
});
