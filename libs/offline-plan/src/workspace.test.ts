import { afterAll, describe, expect, it } from "vitest";
import { fixtureProject, writeFixtureWorkspace } from "./fixture-workspace";
import { findPulumiProjects, readStackConfig } from "./workspace";

describe("workspace discovery", () => {
  const workspace = writeFixtureWorkspace({
    ...fixtureProject("alpha", "export = () => ({});", {
      dev: [
        "config:",
        "  alpha:replicas: 2",
        "  alpha:settings:",
        "    region: nyc3",
        "    enabled: true",
        "  alpha:apiKey:",
        "    secure: v1:AAAABBBB",
        "  alpha:receivers:",
        "    slack:",
        "      url:",
        "        secure: v1:CCCC",
        "    channel: ops",
        "  unqualified: yes",
        "  digitalocean:token:",
        "    secure: v1:DDDD",
        "",
      ].join("\n"),
      production: "config: {}\n",
    }),
    "projects/not-pulumi/package.json": "{}",
  });
  afterAll(() => workspace.remove());
  const [alpha] = findPulumiProjects(workspace.root);

  it("finds every folder under projects/ with a Pulumi.yaml, and its stacks", () => {
    expect(findPulumiProjects(workspace.root).map((p) => ({ name: p.name, root: p.root, stacks: p.stacks }))).toEqual([
      { name: "alpha", root: "projects/alpha", stacks: ["dev", "production"] },
    ]);
  });

  it("passes values as the engine does: strings, objects as JSON, keys namespaced", () => {
    const config = readStackConfig(alpha!, "dev");
    expect(config.values["alpha:replicas"]).toBe("2");
    expect(JSON.parse(config.values["alpha:settings"]!)).toEqual({ region: "nyc3", enabled: true });
    expect(config.values["alpha:unqualified"]).toBe("yes");
  });

  it("replaces secure values with marked placeholders and flags them secret, whole objects included", () => {
    const config = readStackConfig(alpha!, "dev");
    expect(config.secretKeys).toEqual(["alpha:apiKey", "alpha:receivers", "digitalocean:token"]);
    expect(config.values["alpha:apiKey"]).toBe("offline-placeholder-for-alpha-apiKey");
    expect(JSON.parse(config.values["alpha:receivers"]!)).toEqual({
      slack: { url: "offline-placeholder-for-alpha-receivers-slack-url" },
      channel: "ops",
    });
  });

  it("says which stack file is missing", () => {
    expect(() => readStackConfig(alpha!, "staging")).toThrow("projects/alpha has no Pulumi.staging.yaml");
  });
});
