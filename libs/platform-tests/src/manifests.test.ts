import { checkRepository, describeFinding } from "@platform/manifest-check";
import { describe, expect, it } from "vitest";
import { WORKSPACE_ROOT } from "./global-setup";

describe("the repository", () => {
  it("holds no hand-written Kubernetes manifest", () => {
    const { filesChecked, manifests } = checkRepository(WORKSPACE_ROOT);
    expect(filesChecked).toBeGreaterThan(0);
    expect(manifests.map(describeFinding)).toEqual([]);
  });
});
