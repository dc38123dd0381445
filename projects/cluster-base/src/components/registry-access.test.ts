import { isSecret, mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { RegistryAccess } from "./registry-access";

const REGISTRY = "digitalocean:index/containerRegistry:ContainerRegistry";
const CREDENTIALS = "digitalocean:index/containerRegistryDockerCredentials:ContainerRegistryDockerCredentials";
const GET_REGISTRY = "digitalocean:index/getContainerRegistry:getContainerRegistry";

describe("RegistryAccess", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({
      invokes: { [GET_REGISTRY]: ({ name }) => ({ name, endpoint: `registry.digitalocean.com/${String(name)}` }) },
      computed: {
        [REGISTRY]: (inputs) => ({ endpoint: `registry.digitalocean.com/${String(inputs.name)}` }),
        [CREDENTIALS]: () => ({ dockerCredentials: '{"auths":{"registry.digitalocean.com":{}}}' }),
      },
    });
  });

  it("creates a registry on the chosen tier with read-only pull credentials", async () => {
    const access = new RegistryAccess("registry", { mode: "create", name: "pioneer", region: "sfo3", subscriptionTier: "basic" });
    expect(await valueOf(access.server)).toBe("registry.digitalocean.com/pioneer");
    await runtime.settled();
    expect(runtime.one(REGISTRY).inputs).toEqual({ name: "pioneer", region: "sfo3", subscriptionTierSlug: "basic" });
    expect(runtime.one(CREDENTIALS).inputs).toEqual({ registryName: "pioneer", write: false });
  });

  it("reads an existing registry without creating one", async () => {
    const access = new RegistryAccess("registry", { mode: "existing", name: "pioneer" });
    expect(await valueOf(access.server)).toBe("registry.digitalocean.com/pioneer");
    await runtime.settled();
    expect(runtime.ofType(REGISTRY)).toHaveLength(0);
    expect(runtime.invoked).toContain(GET_REGISTRY);
    expect(runtime.one(CREDENTIALS).inputs.write).toBe(false);
  });

  it("keeps the pull credentials secret", async () => {
    const access = new RegistryAccess("registry", { mode: "existing", name: "pioneer" });
    expect(await isSecret(access.dockerConfigJson!)).toBe(true);
  });

  it("uses a local registry with no DigitalOcean resources and no credentials", async () => {
    const access = new RegistryAccess("registry", { mode: "local", server: "localhost:5001" });
    expect(await valueOf(access.server)).toBe("localhost:5001");
    expect(access.dockerConfigJson).toBeUndefined();
    await runtime.settled();
    expect(runtime.resources.filter((r) => r.type.startsWith("digitalocean:"))).toEqual([]);
    expect(runtime.invoked).toEqual([]);
  });
});
