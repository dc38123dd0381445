import { describe, expect, it } from "vitest";
import { cronJobAlertRules, staleAfterSeconds } from "./backup-alerts";
import { everyHoursSchedule } from "./database-backup";

const job = { namespace: "degenquest", cronJob: "degenquest-db-backup", purpose: "database backup", everyHours: 6 };

describe("backup alerts", () => {
  it("fires on any failed run of the CronJob, joining its jobs by owner", () => {
    const [failed] = cronJobAlertRules(job);
    expect(failed).toMatchObject({ alert: "DegenquestDbBackupFailed", labels: { severity: "page", cronjob: "degenquest-db-backup" } });
    expect(failed!.expr).toBe(
      'max by (namespace, owner_name) (kube_job_owner{namespace="degenquest", owner_kind="CronJob", owner_name="degenquest-db-backup"} ' +
        '* on (namespace, job_name) group_left () (kube_job_status_failed{namespace="degenquest"} > 0)) > 0',
    );
  });

  it("fires when the last success is older than two missed runs, counting from creation before the first one", () => {
    const [, stale] = cronJobAlertRules(job);
    expect(stale!.alert).toBe("DegenquestDbBackupStale");
    expect(stale!.expr).toBe(
      'time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{namespace="degenquest", cronjob="degenquest-db-backup"} ' +
        'or kube_cronjob_created{namespace="degenquest", cronjob="degenquest-db-backup"}) > 46800',
    );
    expect(stale!.annotations.summary).toBe("No successful database backup of degenquest for 13 hours");
  });

  it("allows two missed runs and an hour of slack before calling a job stale", () => {
    expect(staleAfterSeconds(1)).toBe(3 * 3600);
    expect(staleAfterSeconds(24)).toBe(49 * 3600);
  });
});

describe("backup schedules", () => {
  it("runs hourly, every few hours, or daily at a quiet hour", () => {
    expect(everyHoursSchedule(1, 17, 3)).toBe("17 * * * *");
    expect(everyHoursSchedule(6, 17, 3)).toBe("17 */6 * * *");
    expect(everyHoursSchedule(24, 47, 4)).toBe("47 4 * * *");
  });
});
