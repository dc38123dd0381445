import { describe, expect, it } from "vitest";
import { notReady } from "./readiness";

const statefulSet = (status: Record<string, unknown>, generation = 2) => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "db", generation },
  spec: { replicas: 1 },
  status,
});

describe("notReady", () => {
  it("accepts a StatefulSet whose newest revision is rolled out and Ready", () => {
    expect(notReady(statefulSet({ observedGeneration: 2, updatedReplicas: 1, readyReplicas: 1, currentRevision: "b", updateRevision: "b" }))).toBeUndefined();
  });

  it("says what is missing: an unseen spec, replicas on an old spec, unready replicas, an unfinished rollout", () => {
    expect(notReady(statefulSet({ observedGeneration: 1 }))).toBe("its controller has not seen the newest spec");
    expect(notReady(statefulSet({ observedGeneration: 2, updatedReplicas: 0 }))).toBe("0 of 1 replicas run the newest spec");
    expect(notReady(statefulSet({ observedGeneration: 2, updatedReplicas: 1, readyReplicas: 0 }))).toBe("0 of 1 replicas are Ready");
    expect(notReady(statefulSet({ observedGeneration: 2, updatedReplicas: 1, readyReplicas: 1, currentRevision: "a", updateRevision: "b" }))).toBe(
      "its rollout has not finished",
    );
  });

  it("waits for a claim to be Bound", () => {
    expect(notReady({ kind: "PersistentVolumeClaim", status: { phase: "Pending" } })).toBe("it is Pending");
    expect(notReady({ kind: "PersistentVolumeClaim", status: { phase: "Bound" } })).toBeUndefined();
  });
});
