import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { isSecret, mockRuntime, valueOf } from "./mock-runtime";

/** Any provider resource, by type token. */
class TestResource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}

class Parent extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Parent", name);
    // Registered from inside an apply, as components often do: settled() must still wait for it.
    pulumi.output("late").apply((suffix) => new TestResource("test:index:Child", `${name}-${suffix}`, { size: 2 }, { parent: this }));
    this.registerOutputs({});
  }
}

describe("mockRuntime", () => {
  it("records every resource, including those created in apply callbacks, once settled", async () => {
    const runtime = await mockRuntime();
    new Parent("a");
    await runtime.settled();
    expect(runtime.resources.map((r) => [r.type, r.name, r.custom])).toEqual([
      ["test:index:Parent", "a", false],
      ["test:index:Child", "a-late", true],
    ]);
    expect(runtime.one("test:index:Child").inputs).toEqual({ size: 2 });
  });

  it("unwraps secret inputs and lists where the SDK marked them", async () => {
    const runtime = await mockRuntime();
    // The SDK lifts a property holding a secret Output into one secret value: `spec`, not `spec.password`.
    new TestResource("test:index:Thing", "t", { spec: { password: pulumi.secret("p"), user: "u" }, name: "n" });
    await runtime.settled();
    const thing = runtime.one("test:index:Thing");
    expect(thing.inputs).toEqual({ spec: { password: "p", user: "u" }, name: "n" });
    expect(thing.secretInputs).toEqual(["spec"]);
  });

  it("passes namespaced config as the engine does, objects as JSON, secrets flagged", async () => {
    await mockRuntime({ project: "app", config: { "app:replicas": 3, "app:db": { host: "h" }, "app:token": "t" }, secretKeys: ["app:token"] });
    const config = new pulumi.Config("app");
    expect(config.requireNumber("replicas")).toBe(3);
    expect(config.requireObject("db")).toEqual({ host: "h" });
    expect(await isSecret(config.requireSecret("token"))).toBe(true);
  });

  it("answers StackReferences from the outputs given and refuses stacks it was not given", async () => {
    await mockRuntime({ stack: "staging", stackOutputs: { "organization/base/staging": { outputs: { name: "degen" } } } });
    const reference = new pulumi.StackReference("base", { name: "organization/base/staging" });
    expect(await valueOf(reference.requireOutput("name"))).toBe("degen");
  });

  it("answers provider functions and computes provider outputs as told", async () => {
    const runtime = await mockRuntime({
      invokes: { "test:index:lookup": (inputs) => ({ echoed: inputs.key }) },
      computed: { "test:index:Thing": (inputs, name) => ({ address: `${name}:${String(inputs.port)}` }) },
    });
    const looked = await pulumi.runtime.invoke("test:index:lookup", { key: "k" });
    expect(looked).toEqual({ echoed: "k" });
    const thing = new (class extends pulumi.CustomResource {
      declare readonly address: pulumi.Output<string>;
      constructor() {
        super("test:index:Thing", "web", { port: 80, address: undefined });
      }
    })();
    expect(await valueOf(thing.address)).toBe("web:80");
    expect(runtime.invoked).toEqual(["test:index:lookup"]);
  });

  it("takes one function that answers any token, as the offline plan's answers do", async () => {
    await mockRuntime({
      invokes: (token, inputs) => (token === "test:index:lookup" ? { token, key: inputs.key } : undefined),
      computed: (type, name) => ({ address: `${type}/${name}` }),
    });
    expect(await pulumi.runtime.invoke("test:index:lookup", { key: "k" })).toEqual({ token: "test:index:lookup", key: "k" });
    expect(await pulumi.runtime.invoke("test:index:other", {})).toEqual({});
    const thing = new (class extends pulumi.CustomResource {
      declare readonly address: pulumi.Output<string>;
      constructor() {
        super("test:index:Thing", "web", { address: undefined });
      }
    })();
    expect(await valueOf(thing.address)).toBe("test:index:Thing/web");
  });

  it("fails loudly when one() finds no match or several", async () => {
    const runtime = await mockRuntime();
    new TestResource("test:index:Thing", "x", {});
    new TestResource("test:index:Thing", "y", {});
    await runtime.settled();
    expect(() => runtime.one("test:index:Thing")).toThrow("expected one test:index:Thing, found 2: x, y");
    expect(() => runtime.one("test:index:Other")).toThrow("expected one test:index:Other, found 0");
  });
});
