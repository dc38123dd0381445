import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StackConfigSetter, StackOpener } from "./apply";
import { runEnvImport } from "./command";
import { ImportError } from "./errors";

interface FakeStack extends StackConfigSetter {
  readonly calls: { method: string; config?: ConfigMap; keys?: string[]; path?: boolean }[];
}

function fakeStack(): FakeStack {
  const calls: FakeStack["calls"] = [];
  return {
    calls,
    async setAllConfig(config, path) {
      calls.push({ method: "setAllConfig", config, path });
    },
    async removeAllConfig(keys, path) {
      calls.push({ method: "removeAllConfig", keys, path });
    },
  };
}

describe("env:import", () => {
  let workspace: string;
  let out: string[];
  let err: string[];
  let stack: FakeStack;
  let opened: string[];
  let openStack: StackOpener;

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), "env-import-"));
    const project = join(workspace, "projects", "pioneer-agent");
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, "Pulumi.yaml"), "name: pioneer-agent\nruntime: nodejs\n");
    writeFileSync(
      join(project, "Pulumi.dev.yaml"),
      [
        "config:",
        "  pioneer-agent:imageTag: 0123456789abcdef0123456789abcdef01234567",
        "  pioneer-agent:sensitiveEnvNames: [TWITTER_EMAIL]",
        "  pioneer-agent:env:",
        "    OPENAI_API_KEY: leaked-in-plain-text",
        "    OLD_FLAG: \"1\"",
        "",
      ].join("\n"),
    );
    copyFileSync(join(__dirname, "fixtures", "pioneer.env"), join(workspace, "pioneer.env"));
    out = [];
    err = [];
    stack = fakeStack();
    opened = [];
    openStack = async (dir, name) => {
      opened.push(`${dir}#${name}`);
      return stack;
    };
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const run = (...argv: string[]) =>
    runEnvImport(argv, { workspaceRoot: workspace, cwd: workspace, openStack, out: (t) => out.push(t), err: (t) => err.push(t) });

  it("sets plain settings and secrets in one path-mode call, then removes names that moved", async () => {
    expect(await run("--project", "pioneer-agent", "--stack", "dev", "--file", "pioneer.env")).toBe(0);
    expect(opened).toEqual([`${join(workspace, "projects", "pioneer-agent")}#dev`]);
    expect(stack.calls.map((call) => [call.method, call.path])).toEqual([
      ["setAllConfig", true],
      ["removeAllConfig", true],
    ]);
    const config = stack.calls[0]!.config!;
    expect(config["pioneer-agent:env.SERVER_PORT"]).toEqual({ value: "3000", secret: false });
    expect(config["pioneer-agent:secretEnv.OPENAI_API_KEY"]).toEqual({ value: "sk-proj-Xq7TnB2vLwY9kR4mP1sD8fG3hJ6", secret: true });
    expect(config["pioneer-agent:secretEnv.TWITTER_EMAIL"]).toEqual({ value: "ops@pioneer.example", secret: true });
    expect(Object.keys(config)).toHaveLength(23);
    expect(stack.calls[1]!.keys).toEqual(["pioneer-agent:env.OPENAI_API_KEY"]);
    expect(out.join("\n")).toContain("pioneer-agent:env.OLD_FLAG   (remove: pulumi config rm --stack dev --path pioneer-agent:env.OLD_FLAG)");
  });

  it("changes nothing on a dry run and needs no Pulumi CLI for it", async () => {
    openStack = async () => {
      throw new ImportError("no CLI");
    };
    expect(await run("--project", "pioneer-agent", "--stack", "dev", "--file", "pioneer.env", "--dry-run", "--secret-keys", "CACHE_STORE")).toBe(0);
    expect(stack.calls).toEqual([]);
    const printed = out.join("\n");
    expect(printed).toContain("dry run: nothing is changed");
    expect(printed).toContain("pioneer-agent:secretEnv.CACHE_STORE");
    expect(printed).not.toContain("sk-proj-");
  });

  it("refuses a malformed file as a whole, listing every problem with file and line", async () => {
    writeFileSync(join(workspace, "bad.env"), "OK=1\nBAD-NAME=2\nOPENAI_API_KEY='unclosed\n");
    expect(await run("--project", "pioneer-agent", "--stack", "dev", "--file", "bad.env")).toBe(1);
    expect(err.join("\n")).toBe(
      [
        "bad.env has 2 problem(s); nothing was imported:",
        '  bad.env:2: "BAD-NAME" is not a valid name: use letters, digits and "_", not starting with a digit (such as BAD_NAME)',
        "  bad.env:3: OPENAI_API_KEY opens a ' quote that is never closed: add the closing ' at the end of the value",
      ].join("\n"),
    );
    expect(opened).toEqual([]);
  });

  it("prints the reason the stack cannot be opened, without a stack trace", async () => {
    openStack = async () => {
      throw new ImportError("The Pulumi CLI is needed to write stack config and was not found");
    };
    expect(await run("--project", "pioneer-agent", "--stack", "dev", "--file", "pioneer.env")).toBe(1);
    expect(err).toEqual(["The Pulumi CLI is needed to write stack config and was not found"]);
    expect(out).toEqual([]);
  });

  it("names the stack file and the key when a classification list in it is not a list of names", async () => {
    writeFileSync(join(workspace, "projects", "pioneer-agent", "Pulumi.staging.yaml"), "config:\n  pioneer-agent:sensitiveEnvNames: TWITTER_EMAIL\n");
    expect(await run("--project", "pioneer-agent", "--stack", "staging", "--file", "pioneer.env", "--dry-run")).toBe(1);
    expect(err).toEqual([
      `${join(workspace, "projects", "pioneer-agent", "Pulumi.staging.yaml")}: pioneer-agent:sensitiveEnvNames is "TWITTER_EMAIL": expected a list of names, such as [WALLET_ADDRESS]`,
    ]);
  });

  it("imports into a stack that has no stack file yet", async () => {
    expect(await run("--project", "pioneer-agent", "--stack", "production", "--file", "pioneer.env")).toBe(0);
    expect(stack.calls.map((call) => call.method)).toEqual(["setAllConfig"]);
  });

  it("reports every usage problem at once", async () => {
    expect(await run("--project", "pioneer", "--stack", "prod", "--file", "missing.env", "--secret-keys", "OK,not-ok")).toBe(2);
    const printed = err.join("\n");
    expect(printed).toContain('--stack "prod" is not an environment: expected one of local, e2e, dev, staging, production');
    expect(printed).toContain('--project "pioneer" is not a Pulumi project here: expected one of pioneer-agent');
    expect(printed).toContain(`--file missing.env: no such file (looked at ${join(workspace, "missing.env")})`);
    expect(printed).toContain('--secret-keys: "not-ok" is not an environment variable name');
  });
});
