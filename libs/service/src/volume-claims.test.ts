import { describe, expect, it } from "vitest";
import { claimTemplateSizePaths, statefulClaims } from "./volume-claims";

const data = { name: "data", mountPath: "/data", sizeGiB: 20 };
const cache = { name: "cache", mountPath: "/cache", sizeGiB: 2 };

describe("statefulClaims", () => {
  it("names each claim as the StatefulSet controller does, one per volume and running pod", () => {
    expect(statefulClaims("degen-server", [data, cache], 2)).toEqual([
      { volume: "data", claimName: "data-degen-server-0", storage: "20Gi" },
      { volume: "data", claimName: "data-degen-server-1", storage: "20Gi" },
      { volume: "cache", claimName: "cache-degen-server-0", storage: "2Gi" },
      { volume: "cache", claimName: "cache-degen-server-1", storage: "2Gi" },
    ]);
  });

  it("makes no claim when no pod runs", () => {
    expect(statefulClaims("degen-server", [data], 0)).toEqual([]);
  });
});

describe("claimTemplateSizePaths", () => {
  it("ignores only each template's size, so a storage class change still reaches the StatefulSet", () => {
    expect(claimTemplateSizePaths([data, cache])).toEqual([
      "spec.volumeClaimTemplates[0].spec.resources.requests.storage",
      "spec.volumeClaimTemplates[1].spec.resources.requests.storage",
    ]);
  });
});
