import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WORKSPACE_ROOT } from "../workspace";
import { imageTagProblems } from "./image-tag";
import { readConfigString, setConfigString } from "./stack-file";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");
const NEW_SHA = "0123456789abcdef0123456789abcdef01234567";

/** The lines that differ between two texts of the same length in lines. */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [[line, b[index]!] as [string, string]]));
}

describe("setConfigString", () => {
  it("changes only the value of the key, keeping its trailing comment and every other line", () => {
    const before = fixture("degenquest.Pulumi.dev.yaml");
    const after = setConfigString(before, "degenquest:imageTag", NEW_SHA, "Pulumi.dev.yaml");
    expect(changedLines(before, after)).toEqual([
      [
        "  degenquest:imageTag: 3f9a1c2e7b8d4f6a5c0e1d2b3a4f5e6d7c8b9a01 # built by CircleCI",
        `  degenquest:imageTag: ${NEW_SHA} # built by CircleCI`,
      ],
    ]);
    expect(readConfigString(after, "degenquest:imageTag", "Pulumi.dev.yaml")).toBe(NEW_SHA);
  });

  it("keeps double quotes and leaves a single-quoted sibling key untouched", () => {
    const before = fixture("pioneer-agent.Pulumi.staging.yaml");
    const after = setConfigString(before, "pioneer-agent:imageTag", NEW_SHA, "Pulumi.staging.yaml");
    expect(changedLines(before, after)).toEqual([
      ['  pioneer-agent:imageTag: "sha256:0b7e5f3c1d2a4b6c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f"', `  pioneer-agent:imageTag: "${NEW_SHA}"`],
    ]);
    expect(after).toContain("  pioneer-agent:nodeEnv: 'production'\n");
  });

  it("quotes a plain value that YAML would otherwise read as a number", () => {
    const text = "config:\n  degenquest:imageTag: 3f9a1c2e7b8d4f6a5c0e1d2b3a4f5e6d7c8b9a01\n";
    const allDigits = "1234567890123456789012345678901234567890";
    expect(setConfigString(text, "degenquest:imageTag", allDigits, "f")).toBe(`config:\n  degenquest:imageTag: "${allDigits}"\n`);
  });

  it("changes one value inside a key's map, such as the backup tools image's tag, and nothing else", () => {
    const before = [
      "config:",
      "  degenquest:imageTag: 3f9a1c2e7b8d4f6a5c0e1d2b3a4f5e6d7c8b9a01",
      "  degenquest:backup:",
      "    bucket: degenquest-backups-dev # Spaces",
      '    toolsImageTag: "3e1d9b7c5a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d"',
      "    everyHours: 12",
      "",
    ].join("\n");
    const path = ["degenquest:backup", "toolsImageTag"] as const;
    const after = setConfigString(before, path, NEW_SHA, "Pulumi.dev.yaml");
    expect(changedLines(before, after)).toEqual([['    toolsImageTag: "3e1d9b7c5a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d"', `    toolsImageTag: "${NEW_SHA}"`]]);
    expect(readConfigString(after, path, "Pulumi.dev.yaml")).toBe(NEW_SHA);
    expect(() => readConfigString(before, ["degenquest:backup", "toolImageTag"], "Pulumi.dev.yaml")).toThrow(
      "Pulumi.dev.yaml has no degenquest:backup.toolImageTag: add it to the stack file once (by pull request) before promoting images into it",
    );
  });

  it("refuses a stack file without the key rather than adding it", () => {
    expect(() => setConfigString("config:\n  degenquest:replicas: 1\n", "degenquest:imageTag", NEW_SHA, "projects/degenquest/Pulumi.dev.yaml")).toThrow(
      "projects/degenquest/Pulumi.dev.yaml has no degenquest:imageTag: add it to the stack file once (by pull request) before promoting images into it",
    );
  });

  it("refuses a key whose value is a map", () => {
    expect(() => setConfigString("config:\n  degenquest:imageTag:\n    sha: abc\n", "degenquest:imageTag", NEW_SHA, "f")).toThrow(
      "f: degenquest:imageTag must be a plain string value, but it is a map or list",
    );
  });

  it("refuses a file that is not YAML", () => {
    expect(() => setConfigString("config: [unclosed\n", "degenquest:imageTag", NEW_SHA, "f")).toThrow(/^f is not valid YAML/);
  });
});

/** Copies of the applications' real stack files, as they were when the promotion was written. */
const realStackFiles = ["degenquest", "pioneer-agent"].flatMap((app) =>
  readdirSync(join(__dirname, "fixtures/projects", app)).map((file) => ({ app, file: `${app}/${file}`, text: readFileSync(join(__dirname, "fixtures/projects", app, file), "utf8") })),
);

describe("setConfigString on the applications' stack files", () => {
  it.each(realStackFiles)("changes only the image tag line of $file", ({ app, file, text }) => {
    const key = `${app}:imageTag`;
    const before = readConfigString(text, key, file);
    const after = setConfigString(text, key, NEW_SHA, file);
    const [[oldLine, newLine]] = changedLines(text, after) as [[string, string]];
    expect(newLine).toBe(oldLine.replace(before, NEW_SHA));
    expect(readConfigString(after, key, file)).toBe(NEW_SHA);
  });

  it("has all six stack files of the two applications", () => {
    expect(realStackFiles.map(({ file }) => file).sort()).toEqual([
      "degenquest/Pulumi.dev.yaml", "degenquest/Pulumi.production.yaml", "degenquest/Pulumi.staging.yaml",
      "pioneer-agent/Pulumi.dev.yaml", "pioneer-agent/Pulumi.production.yaml", "pioneer-agent/Pulumi.staging.yaml",
    ]);
  });
});

describe("the applications' stack files in this repository", () => {
  it.each(["degenquest", "pioneer-agent"].flatMap((app) => ["dev", "staging", "production"].map((env) => ({ app, env }))))(
    "projects/$app/Pulumi.$env.yaml records a valid image tag the promotion can rewrite",
    ({ app, env }) => {
      const file = `projects/${app}/Pulumi.${env}.yaml`;
      const text = readFileSync(join(WORKSPACE_ROOT, file), "utf8");
      const tag = readConfigString(text, `${app}:imageTag`, file);
      expect(imageTagProblems(`${app}:imageTag`, tag)).toEqual([]);
      expect(readConfigString(setConfigString(text, `${app}:imageTag`, NEW_SHA, file), `${app}:imageTag`, file)).toBe(NEW_SHA);
    },
  );
});
