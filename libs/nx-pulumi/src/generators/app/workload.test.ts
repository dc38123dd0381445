import { describe, expect, it } from "vitest";
import { cpuText, memoryText } from "./quantity";
import { DEPLOYMENT_SURGE, podShare, rolloutPeak, stackWorkload } from "./workload";

const MI = 2 ** 20;
const GI = 2 ** 30;

describe("stackWorkload", () => {
  it("reads the replicas and resources a stack file of the application sets, with the service component's surge", () => {
    const text = [
      "# production",
      "config:",
      "  arcade:replicas: 2",
      '  arcade:resources: { cpuRequest: 250m, memoryRequest: 256Mi, cpuLimit: "1", memoryLimit: 512Mi }',
      "  other:replicas: 9",
      "",
    ].join("\n");
    expect(stackWorkload(text, "arcade")).toEqual({
      replicas: 2,
      surge: 1,
      resources: { cpuRequest: "250m", memoryRequest: "256Mi", cpuLimit: "1", memoryLimit: "512Mi" },
    });
    expect(DEPLOYMENT_SURGE).toBe(1);
  });

  it("takes the program's defaults for what the file leaves out: 2 replicas, the service component's resources", () => {
    expect(stackWorkload("config:\n  arcade:resources: { cpuLimit: 2 }\n", "arcade")).toEqual({
      replicas: 2,
      surge: 1,
      resources: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "2", memoryLimit: "256Mi" },
    });
    expect(stackWorkload("config: {}\n", "arcade").replicas).toBe(2);
  });

  it("counts an autoscaler's maxReplicas as the most pods it runs", () => {
    expect(stackWorkload("config:\n  arcade:replicas: 2\n  arcade:autoscaling: { minReplicas: 2, maxReplicas: 6 }\n", "arcade").replicas).toBe(6);
    expect(stackWorkload("config:\n  arcade:replicas: 3\n  arcade:autoscaling: { maxReplicas: 2 }\n", "arcade").replicas).toBe(3);
  });
});

describe("rolloutPeak", () => {
  it("is the most pods plus the surge, each at its container's requests and limits, in whole millicores and bytes", () => {
    const resources = { cpuRequest: "250m", memoryRequest: "256Mi", cpuLimit: "1", memoryLimit: "512Mi" };
    expect(podShare(resources)).toEqual({ pods: 1, requestsCpu: 250, requestsMemory: 256 * MI, limitsCpu: 1000, limitsMemory: 512 * MI });
    expect(rolloutPeak({ replicas: 2, surge: 1, resources })).toEqual({
      pods: 3,
      requestsCpu: 750,
      requestsMemory: 768 * MI,
      limitsCpu: 3000,
      limitsMemory: 1536 * MI,
    });
    // 0.1 × 3 is not 0.3 in floating point; the peak is.
    expect(rolloutPeak({ replicas: 2, surge: 1, resources: { ...resources, cpuRequest: "0.1", memoryRequest: "1.5Gi" } })).toMatchObject({
      requestsCpu: 300,
      requestsMemory: 4.5 * GI,
    });
  });

  it("writes amounts as the stack files do", () => {
    expect([cpuText(3000), cpuText(1500), cpuText(750)]).toEqual(['"3"', "1500m", "750m"]);
    expect([memoryText(4 * GI), memoryText(1536 * MI), memoryText(MI + 1)]).toEqual(["4Gi", "1536Mi", "2Mi"]);
  });
});
