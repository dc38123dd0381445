import { describe, expect, it } from "vitest";
import { hardenedContainerSecurity, restrictedContainerSecurity, restrictedPodSecurity } from "./security";

describe("restrictedContainerSecurity", () => {
  it("is the restricted Pod Security Standard with a read-only root filesystem", () => {
    expect(restrictedContainerSecurity()).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("replaces whole fields with the overrides an image needs, keeping the rest", () => {
    expect(
      restrictedContainerSecurity({ runAsUser: 101, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] }, readOnlyRootFilesystem: false }),
    ).toEqual({
      runAsNonRoot: true,
      runAsUser: 101,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("gives each caller its own object, so one caller's change never reaches another", () => {
    const first = restrictedContainerSecurity();
    (first.capabilities as { drop: string[] }).drop.push("NET_RAW");
    expect(restrictedContainerSecurity().capabilities).toEqual({ drop: ["ALL"] });
  });
});

describe("hardenedContainerSecurity", () => {
  it("keeps no escalation, no capabilities and a read-only root, without asking for a non-root user", () => {
    expect(hardenedContainerSecurity()).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    expect(hardenedContainerSecurity({ runAsUser: 0 })).toEqual({
      runAsUser: 0,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
  });
});

describe("restrictedPodSecurity", () => {
  it("is non-root with the runtime's default seccomp profile", () => {
    expect(restrictedPodSecurity()).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
  });

  it("runs as the user given, in its group, with volumes owned by that group", () => {
    expect(restrictedPodSecurity(472)).toEqual({
      runAsNonRoot: true,
      runAsUser: 472,
      runAsGroup: 472,
      fsGroup: 472,
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("adds or replaces fields with the overrides", () => {
    expect(restrictedPodSecurity(10001, { fsGroupChangePolicy: "OnRootMismatch" })).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      fsGroupChangePolicy: "OnRootMismatch",
      seccompProfile: { type: "RuntimeDefault" },
    });
  });
});
