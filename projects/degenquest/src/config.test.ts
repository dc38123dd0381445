import { validateConfig, type Environment } from "@platform/config";
import { describe, expect, it } from "vitest";
import { configSchema } from "./config";

const SHA = "b71e0d4c9a8f3e2d1c6b5a4f3e2d1c0b9a8f7e6d";

const backup = { bucket: "degenquest-backups-production", region: "nyc3", everyHours: 1, retentionDays: 30, toolsImageTag: SHA };
const production = {
  imageTag: SHA,
  resources: { cpuRequest: "1", memoryRequest: "1Gi", cpuLimit: "2", memoryLimit: "2Gi" },
  storageGiB: 50,
  backup,
};

function check(environment: Environment, config: Record<string, unknown>) {
  const values = Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return validateConfig("degenquest", configSchema(environment), { values, secretKeys: new Set() });
}

function problems(environment: Environment, config: Record<string, unknown>): string[] {
  const result = check(environment, config);
  return result.ok ? [] : result.problems;
}

describe("degenquest configuration", () => {
  it("fills every documented default", () => {
    const result = check("production", production);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toMatchObject({
      subdomain: "play",
      replicas: 1,
      dbPath: "/data/degenquest.db",
      env: {},
      sloObjective: 0.995,
      backup: { noncurrentVersionDays: 7, restoreCheckEveryHours: 24 },
    });
  });

  it("refuses the moving tag latest in production, naming the key and what to set", () => {
    expect(problems("production", { ...production, imageTag: "latest" })).toEqual([
      'degenquest:imageTag is "latest": production runs only immutable images: expected the 40-hex commit SHA that CI tagged ' +
        'the image with, or a "sha256:<64 hex>" digest (set it with `pulumi config set degenquest:imageTag <sha>`)',
    ]);
  });

  it("accepts a digest anywhere and a moving tag on local only", () => {
    expect(problems("staging", { ...production, imageTag: `sha256:${"0f".repeat(32)}` })).toEqual([]);
    expect(problems("local", { ...production, backup: undefined, imageTag: "latest" })).toEqual([]);
    expect(problems("dev", { ...production, imageTag: SHA.slice(0, 12) })[0]).toMatch(/^degenquest:imageTag is "b71e0d4c9a8f": dev runs only immutable images/);
  });

  it("refuses 3 replicas, because the database volume is ReadWriteOnce", () => {
    expect(problems("production", { ...production, replicas: 3 })).toEqual([
      "degenquest:replicas is 3: the database volume is ReadWriteOnce, written by one pod: use 1 replica or move the database off the volume",
    ]);
  });

  it("refuses an unknown key, suggesting the likely one", () => {
    expect(problems("production", { ...production, imageTags: SHA })).toEqual([
      "degenquest:imageTags is not a known setting: did you mean degenquest:imageTag? " +
        "(known: imageTag, subdomain, replicas, resources, storageGiB, dbPath, env, sloObjective, backup)",
    ]);
    expect(problems("production", { ...production, backup: { ...backup, retention: 30 } })).toEqual([
      "degenquest:backup.retention is not a known setting: remove it or fix its spelling",
    ]);
  });

  it("requires backups outside local, and refuses them on local, which has no DigitalOcean", () => {
    expect(problems("staging", { ...production, backup: undefined })).toEqual([
      "degenquest:backup is required (staging keeps players' data: configure backups to a Spaces bucket)",
    ]);
    expect(problems("local", { ...production, imageTag: "latest" })).toEqual([
      'degenquest:backup.bucket is "degenquest-backups-production": local creates no DigitalOcean resources: remove degenquest:backup',
    ]);
  });

  it("refuses backup schedules that do not divide a day, and restore checks more frequent than backups", () => {
    expect(problems("production", { ...production, backup: { ...backup, everyHours: 5 } })).toEqual([
      "degenquest:backup.everyHours is 5: expected a number of hours that divides a day: 1, 2, 3, 4, 6, 8, 12, 24",
    ]);
    expect(problems("production", { ...production, backup: { ...backup, everyHours: 12, restoreCheckEveryHours: 6 } })).toEqual([
      "degenquest:backup.restoreCheckEveryHours is 6: must not be shorter than backup.everyHours (12): it would check the same backup twice",
    ]);
  });

  it("refuses settings the program owns, a database outside the volume and requests above limits", () => {
    expect(
      problems("production", {
        ...production,
        env: { NODE_ENV: "development", LOG_LEVEL: "info" },
        dbPath: "/var/lib/game.db",
        resources: { ...production.resources, memoryRequest: "4Gi" },
      }),
    ).toEqual([
      'degenquest:dbPath is "/var/lib/game.db": expected a file directly in /data, such as "/data/degenquest.db"',
      'degenquest:env.NODE_ENV is "development": is set by the program (always production): remove it',
      'degenquest:resources.memoryRequest is "4Gi": must not exceed resources.memoryLimit (2Gi)',
    ]);
  });
});
