import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureProject, writeFixtureWorkspace } from "./fixture-workspace";
import { runOfflinePlan, type PlanRun, type StackResult } from "./scheduler";
import { SECRET_MASK } from "./types";

const producer = fixtureProject(
  "producer",
  `import * as pulumi from "@pulumi/pulumi";
export = () => {
  const config = new pulumi.Config();
  const thing = new pulumi.CustomResource("test:index:Thing", "thing", { greeting: config.require("greeting"), token: config.requireSecret("token") });
  return { greeting: config.require("greeting"), token: config.requireSecret("token"), thingId: thing.id };
};`,
  {
    dev: "config:\n  producer:greeting: hello\n  producer:token:\n    secure: v1:AAAA\n",
    prod: "config:\n  producer:greeting: hi\n  producer:token:\n    secure: v1:BBBB\n",
  },
);

const consumer = fixtureProject(
  "consumer",
  `import { defineStackContract } from "@platform/stack-contracts";
const upstream = defineStackContract<{ greeting: string; token: string }>("producer", { greeting: "plain", token: "secret" });
export = () => {
  const producer = upstream.read();
  return { message: producer.greeting.apply((g) => g + ", world"), tokenLength: producer.token.apply((t) => t.length) };
};`,
  { dev: "config: {}\n", prod: "config: {}\n", orphan: "config: {}\n" },
);

const reads = (self: string, other: string) =>
  fixtureProject(
    self,
    `import * as pulumi from "@pulumi/pulumi";
export = () => ({ value: new pulumi.StackReference("${other}", { name: "organization/${other}/dev" }).requireOutput("value") });`,
    { dev: "config: {}\n" },
  );

const validated = fixtureProject(
  "validated",
  `import { loadStackConfig } from "@platform/config";
import { z } from "zod";
export = () => ({ replicas: loadStackConfig(z.strictObject({ replicas: z.number().int().min(1) })).replicas });`,
  { dev: "config:\n  validated:replicas: 0\n  validated:replica: 2\n" },
);

const duplicate = fixtureProject(
  "duplicate",
  `import * as pulumi from "@pulumi/pulumi";
class Box extends pulumi.ComponentResource {
  constructor(name: string) { super("test:index:Box", name); new pulumi.CustomResource("test:index:Thing", "child", {}, { parent: this }); }
}
export = () => { new Box("a"); new Box("b"); return {}; };`,
  { dev: "config: {}\n" },
);

const brokenContract = fixtureProject(
  "broken-contract",
  `export = () => ({ name: "x", extra: 1 });`,
  { dev: "config: {}\n" },
);

/** The contract package of broken-contract, found by its tag as every contract package is. */
const brokenContractPackage = {
  "package.json": JSON.stringify({ workspaces: ["contracts/*", "projects/*"] }),
  "contracts/broken-contract/package.json": JSON.stringify({
    name: "@fixture/broken-contract-contract",
    main: "index.ts",
    nx: { tags: ["contract-of:broken-contract"] },
  }),
  "contracts/broken-contract/index.ts": `import { defineStackContract } from "@platform/stack-contracts";
export const contract = defineStackContract<{ name: string; password: string }>("broken-contract", { name: "plain", password: "secret" });`,
};

/**
 * Leaves behind what a careless program could: a module variable, an environment variable, config,
 * and in stack b a resource registered before the program fails.
 */
const stateful = fixtureProject(
  "stateful",
  `import * as pulumi from "@pulumi/pulumi";
import { count } from "./counter";
export = () => {
  const seen = {
    runs: count(),
    leftInEnvironment: process.env.LEFT_BY_A_STACK ?? "nothing",
    onlyInA: new pulumi.Config().get("only-in-a") ?? "unset",
    cwd: process.cwd(),
    pid: process.pid,
  };
  process.env.LEFT_BY_A_STACK = pulumi.getStack();
  new pulumi.CustomResource("test:index:Thing", "thing-" + pulumi.getStack(), {});
  if (new pulumi.Config().getBoolean("fail")) throw new Error("stack " + pulumi.getStack() + " fails after leaving state behind");
  return seen;
};`,
  { a: "config:\n  stateful:only-in-a: x\n", b: "config:\n  stateful:fail: true\n", c: "config: {}\n" },
  { "counter.ts": "let runs = 0;\nexport const count = () => ++runs;\n" },
);

/** Throws from a module it imports, below lines that the TypeScript transform removes. */
const crashing = fixtureProject(
  "crashing",
  `import { build } from "./component";
export = () => build();`,
  { dev: "config: {}\n" },
  {
    "component.ts": `interface Settings {
  readonly size: number;
}

export function build(settings?: Settings): never {
  throw new Error("boom in the program, size " + String(settings?.size));
}
`,
  },
);

const unparsable = fixtureProject("unparsable", `export = () => {\n  const size: number = ;\n};`, { dev: "config: {}\n" });

describe("the offline plan scheduler", () => {
  const workspace = writeFixtureWorkspace({
    ...producer,
    ...consumer,
    ...reads("cycle-a", "cycle-b"),
    ...reads("cycle-b", "cycle-a"),
    ...reads("reads-validated", "validated"),
    ...reads("reads-reads-validated", "reads-validated"),
    ...validated,
    ...duplicate,
    ...brokenContract,
    ...brokenContractPackage,
    ...crashing,
    ...unparsable,
    ...stateful,
  });
  afterAll(() => workspace.remove());

  let run: PlanRun;
  const result = (project: string, stack = "dev"): StackResult => {
    const found = run.results.find((r) => r.project === project && r.stack === stack);
    if (!found) throw new Error(`no result for ${project}/${stack}`);
    return found;
  };
  const plan = (project: string, stack = "dev") => {
    const found = result(project, stack);
    if (!found.ok) throw new Error(found.message);
    return found.plan;
  };
  const failure = (project: string, stack = "dev") => {
    const found = result(project, stack);
    if (found.ok) throw new Error(`${project}/${stack} planned, but was expected to fail`);
    return found;
  };

  // Every fixture project in two environments: six worker processes, as stacks that wait for
  // others, and stacks stopped mid-run, each hold one.
  beforeAll(async () => {
    run = await runOfflinePlan({ workspaceRoot: workspace.root, environments: ["dev", "orphan"] });
  });

  it("answers a StackReference with the outputs the upstream program produced in the same run", () => {
    expect(plan("consumer").stackReferences).toEqual(["organization/producer/dev"]);
    expect(plan("consumer").outputs).toMatchObject({ message: "hello, world" });
  });

  it("lists every stack after the stacks it reads", () => {
    const order = run.results.map((r) => `${r.project}/${r.stack}`);
    expect(order.indexOf("producer/dev")).toBeLessThan(order.indexOf("consumer/dev"));
  });

  it("records each resource with its type, name, parent and inputs, secrets masked", () => {
    const [thing] = plan("producer").resources;
    expect(thing).toEqual({
      urn: "urn:pulumi:dev::producer::test:index:Thing::thing",
      type: "test:index:Thing",
      name: "thing",
      parent: null,
      custom: true,
      inputs: { greeting: "hello", token: SECRET_MASK },
    });
  });

  it("masks secret outputs, and outputs derived from a secret read upstream", () => {
    expect(plan("producer").outputs).toMatchObject({ greeting: "hello", token: SECRET_MASK });
    expect(plan("consumer").outputs).toMatchObject({ tokenLength: SECRET_MASK });
  });

  it("fails a stack whose upstream has no stack of that name, saying which file is missing", () => {
    expect(failure("consumer", "orphan").message).toMatch(
      /consumer\/orphan reads stack "organization\/producer\/orphan", which the offline plan cannot answer: projects\/producer has no Pulumi\.orphan\.yaml/,
    );
  });

  it("refuses a cycle in the stack graph, naming it", () => {
    const messages = [result("cycle-a"), result("cycle-b")].filter((r) => !r.ok).map((r) => ("message" in r ? r.message : ""));
    expect(messages.join("\n")).toMatch(/the stack graph has a cycle: cycle-(a|b)\/dev -> cycle-(a|b)\/dev -> cycle-(a|b)\/dev/);
  });

  it("reports bad configuration by stack and key, as bad input without a stack trace", () => {
    const bad = failure("validated");
    expect(bad.badInput).toBe(true);
    expect(bad.message).toBe(
      [
        'Stack "dev" has 2 configuration problems:',
        "  - validated:replica is not a known setting: did you mean validated:replicas? (known: replicas)",
        "  - validated:replicas is 0: Too small: expected number to be >=1",
      ].join("\n"),
    );
  });

  it("reports a stack whose upstream failed as not planned, in one line, after the upstream's own report", () => {
    expect(failure("reads-validated")).toEqual({
      ok: false,
      project: "reads-validated",
      stack: "dev",
      message: "not planned: it reads validated/dev, which failed to plan",
      badInput: true,
      blockedBy: "validated/dev",
    });
    expect(failure("reads-reads-validated").message).toBe("not planned: it reads reads-validated/dev, which was not planned either");
    const order = run.results.map((r) => `${r.project}/${r.stack}`);
    expect(order.indexOf("validated/dev")).toBeLessThan(order.indexOf("reads-validated/dev"));
    expect(order.indexOf("reads-validated/dev")).toBeLessThan(order.indexOf("reads-reads-validated/dev"));
  });

  it("refuses two resources with one URN, which the real engine would refuse", () => {
    expect(failure("duplicate").message).toMatch(/two resources share the URN urn:pulumi:dev::duplicate::test:index:Box\$test:index:Thing::child/);
  });

  it("checks a program's outputs against the contract it publishes", () => {
    expect(failure("broken-contract").message).toBe(
      [
        "The stack's outputs break its contract:",
        '  - broken-contract does not export "password", which its contract declares',
        '  - broken-contract exports "extra", which its contract does not declare',
      ].join("\n"),
    );
  });

  it("reports a crash in a program with its stack trace, as a bug rather than bad input", () => {
    const crash = failure("crashing");
    expect(crash.badInput).toBe(false);
    // Its frames point at the TypeScript the user wrote, not at the transformed code that ran.
    expect(crash.message).toMatch(/^Error: boom in the program, size undefined\n\s+at build \(.*\/projects\/crashing\/component\.ts:6:9\)\n\s+at .*\/projects\/crashing\/index\.ts:2:/);
  });

  it("reports a program that does not parse by file, line and column", () => {
    const unparsed = failure("unparsable");
    expect(unparsed.badInput).toBe(false);
    expect(unparsed.message).toMatch(/^SyntaxError: Unexpected ";" \(.*\/projects\/unparsable\/index\.ts:2:24\)\n\s+at /);
  });

  describe("with a project selected", () => {
    let again: PlanRun;
    beforeAll(async () => {
      again = await runOfflinePlan({ workspaceRoot: workspace.root, environments: ["dev"], projects: ["consumer"] });
    });

    it("plans the stacks a selected project reads, and produces the same plan every time", () => {
      expect(again.results.map((r) => `${r.project}/${r.stack}`)).toEqual(["producer/dev", "consumer/dev"]);
      const plans = again.results.map((r) => (r.ok ? r.plan : r.message));
      expect(plans).toEqual([plan("producer"), plan("consumer")]);
    });
  });

  describe("in warm workers", () => {
    let oneWorker: PlanRun;
    let workerPerStack: PlanRun;
    beforeAll(async () => {
      [oneWorker, workerPerStack] = await Promise.all([
        runOfflinePlan({ workspaceRoot: workspace.root, environments: ["a", "b", "c"], projects: ["stateful"], concurrency: 1 }),
        runOfflinePlan({ workspaceRoot: workspace.root, environments: ["a", "b", "c"], projects: ["stateful"], stacksPerWorker: 1 }),
      ]);
    });

    it("plans each stack in a worker as a process of its own would: nothing a stack leaves behind reaches the next", () => {
      const planned = (planRun: PlanRun) =>
        planRun.results.map((r) =>
          r.ok
            ? { stack: r.stack, outputs: r.plan.outputs, resources: r.plan.resources.map((resource) => resource.name) }
            : { stack: r.stack, failed: r.message.split("\n")[0] },
        );
      const projectDir = join(workspace.root, "projects", "stateful");
      const expected = (stack: string, onlyInA: string) => ({
        stack,
        outputs: { runs: 1, leftInEnvironment: "nothing", onlyInA, cwd: projectDir, pid: expect.any(Number) },
        resources: [`thing-${stack}`],
      });
      const failedB = { stack: "b", failed: "Error: stack b fails after leaving state behind" };
      const inOneWorker = planned(oneWorker);
      // c comes after a failed b in the same worker, and still starts clean.
      expect(inOneWorker).toEqual([expected("a", "x"), failedB, expected("c", "unset")]);
      const pids = (plans: ReturnType<typeof planned>) => new Set(plans.flatMap((stack) => ("outputs" in stack && stack.outputs ? [stack.outputs.pid] : [])));
      // The same worker planned all three, b's failure included; the strict mode gave each a process of its own.
      expect(pids(inOneWorker).size).toBe(1);
      const perStack = planned(workerPerStack);
      expect(pids(perStack).size).toBe(2);
      const withoutPid = (plans: ReturnType<typeof planned>) =>
        plans.map((stack) => ("outputs" in stack ? { ...stack, outputs: { ...stack.outputs, pid: "any" } } : stack));
      expect(withoutPid(inOneWorker)).toEqual(withoutPid(perStack));
    });
  });

  it("refuses to plan a project that does not exist", async () => {
    await expect(runOfflinePlan({ workspaceRoot: workspace.root, projects: ["nonexistent"] })).rejects.toThrow(
      /No Pulumi project is named "nonexistent" \(found: broken-contract, consumer, crashing, cycle-a, cycle-b, duplicate, producer, reads-reads-validated, reads-validated, stateful, unparsable, validated\)/,
    );
  });
});
