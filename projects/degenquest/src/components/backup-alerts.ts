/**
 * Alerts on the backup CronJobs, from kube-state-metrics: a run that failed, and a last success
 * that is too old (which also catches a job that never runs or never succeeded). Pure.
 */

export interface WatchedCronJob {
  readonly namespace: string;
  readonly cronJob: string;
  /** What the job does, for the alert's text: `backup`, `restore check`. */
  readonly purpose: string;
  /** Hours between runs; the alert fires after two missed runs and some slack. */
  readonly everyHours: number;
}

/** Seconds without a success before the alert fires: two runs missed, plus an hour for a slow run. */
export function staleAfterSeconds(everyHours: number): number {
  return (2 * everyHours + 1) * 3600;
}

type AlertRule = {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
};

export function cronJobAlertRules(job: WatchedCronJob): AlertRule[] {
  const selector = `namespace="${job.namespace}", cronjob="${job.cronJob}"`;
  const stale = staleAfterSeconds(job.everyHours);
  const labels = { severity: "page", namespace: job.namespace, cronjob: job.cronJob };
  const prefix = job.cronJob.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());
  return [
    {
      alert: `${prefix}Failed`,
      // Jobs carry their CronJob only through kube_job_owner; join on the job's name.
      expr:
        `max by (namespace, owner_name) (kube_job_owner{namespace="${job.namespace}", owner_kind="CronJob", owner_name="${job.cronJob}"} ` +
        `* on (namespace, job_name) group_left () (kube_job_status_failed{namespace="${job.namespace}"} > 0)) > 0`,
      for: "0m",
      labels,
      annotations: {
        summary: `The ${job.purpose} of ${job.namespace} failed`,
        description: `A run of CronJob ${job.namespace}/${job.cronJob} failed. Read its logs: kubectl -n ${job.namespace} logs job/<failed job>.`,
      },
    },
    {
      alert: `${prefix}Stale`,
      // Before the first success, the CronJob's creation time stands in, so "never worked" fires too.
      expr:
        `time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${selector}} ` +
        `or kube_cronjob_created{${selector}}) > ${stale}`,
      for: "10m",
      labels,
      annotations: {
        summary: `No successful ${job.purpose} of ${job.namespace} for ${stale / 3600} hours`,
        description: `CronJob ${job.namespace}/${job.cronJob} runs every ${job.everyHours}h but has not succeeded for ${stale / 3600}h.`,
      },
    },
  ];
}
