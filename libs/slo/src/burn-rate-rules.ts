/**
 * Availability SLO rules after the Google SRE workbook ("Alerting on SLOs", multiwindow,
 * multi-burn-rate alerts): error ratios recorded over each window, and alerts that fire when the
 * error budget of a 30-day period burns fast enough over a long window and is still burning over
 * a short one. The short window lets an alert resolve minutes after the errors stop.
 */

/** Prometheus rule group, as the PrometheusRule `spec.groups` takes it. */
export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly Rule[];
}

export type Rule =
  | { readonly record: string; readonly expr: string; readonly labels?: Readonly<Record<string, string>> }
  | {
      readonly alert: string;
      readonly expr: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly annotations: Readonly<Record<string, string>>;
    };

/** One burn-rate alert: how many times faster than sustainable the budget burns, over two windows. */
export interface BurnRateAlert {
  readonly burnRate: number;
  readonly longWindow: string;
  readonly shortWindow: string;
  /** `page` wakes someone up; `ticket` is handled in working hours. */
  readonly severity: "page" | "ticket";
}

/**
 * The workbook's recommendation for a 30-day budget: 14.4x for an hour spends 2% of it, 6x for six
 * hours 5%, 3x for a day and 1x for three days 10%.
 */
export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = [
  { burnRate: 14.4, longWindow: "1h", shortWindow: "5m", severity: "page" },
  { burnRate: 6, longWindow: "6h", shortWindow: "30m", severity: "page" },
  { burnRate: 3, longWindow: "1d", shortWindow: "2h", severity: "ticket" },
  { burnRate: 1, longWindow: "3d", shortWindow: "6h", severity: "ticket" },
];

/** Every window that an alert reads, shortest first. */
export const SLO_WINDOWS: readonly string[] = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

export const DEFAULT_OBJECTIVE = 0.999;

/** The SLI metric: every request ingress-nginx served, labelled with the Ingress's namespace and name. */
export const INGRESS_REQUESTS_METRIC = "nginx_ingress_controller_requests";

/** The SLI metric of a probe: 1 when the blackbox exporter's request through the public URL succeeded. */
export const PROBE_SUCCESS_METRIC = "probe_success";

/** Name of the recorded error ratio over a window, such as `namespace_ingress:slo_errors_per_request:ratio_rate1h`. */
export function errorRatioRecord(window: string, measuredBy: "ingress" | "probe" = "ingress"): string {
  return measuredBy === "ingress"
    ? `namespace_ingress:slo_errors_per_request:ratio_rate${window}`
    : `namespace_probe:slo_errors_per_probe:ratio_rate${window}`;
}

/**
 * What the SLO measures: every request an ingress-nginx Ingress served (`ingressName`), or, where
 * the edge exposes no per-route request metrics (DOKS's managed Gateway), the share of failed
 * blackbox probes of the public URL (`probeJob`, the Probe's job), a synthetic user's view.
 */
export interface AvailabilitySloSpec {
  readonly namespace: string;
  /** The Ingress whose requests measure availability. Exactly one of `ingressName` and `probeJob`. */
  readonly ingressName?: string;
  /** The Probe job whose successes measure availability. */
  readonly probeJob?: string;
  /** Share of requests (or probes) that must not fail, such as 0.999. */
  readonly objective: number;
}

const LABEL_VALUE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const FASTEST_BURN = Math.max(...BURN_RATE_ALERTS.map((alert) => alert.burnRate));

/** Every problem with an SLO's settings, each naming the field, the value and the fix. */
export function availabilitySloProblems(spec: Partial<AvailabilitySloSpec>): string[] {
  const problems: string[] = [];
  const { objective } = spec;
  if (objective !== undefined) {
    if (typeof objective !== "number" || !Number.isFinite(objective) || objective <= 0 || objective >= 1) {
      problems.push(
        `objective is ${JSON.stringify(objective)}: expected the share of requests that must succeed, ` +
          "a number between 0 and 1 exclusive, such as 0.999 for 99.9%",
      );
    } else if (FASTEST_BURN * (1 - objective) > 1) {
      const lowest = Math.ceil((1 - 1 / FASTEST_BURN) * 1000) / 1000;
      problems.push(
        `objective is ${objective}: the ${FASTEST_BURN}x burn-rate alert would need more than 100% of requests ` +
          `to fail and could never fire: use an objective of at least ${lowest}`,
      );
    }
  }
  if (spec.ingressName !== undefined && spec.probeJob !== undefined) {
    problems.push("ingressName and probeJob are both set: measure at the ingress or by the probe, not both");
  }
  for (const field of ["namespace", "ingressName", "probeJob"] as const) {
    const value = spec[field];
    if (value !== undefined && !LABEL_VALUE.test(value)) {
      problems.push(`${field} is ${JSON.stringify(value)}: expected a Kubernetes object name (lower-case letters, digits, '-' and '.')`);
    }
  }
  return problems;
}

/** PromQL number for the error ratio a burn rate allows, left for Prometheus to compute. */
function threshold(burnRate: number, objective: number): string {
  return `(${burnRate} * (1 - ${objective}))`;
}

/**
 * The recording and alerting rule groups of an availability SLO on one Ingress: the ratio of 5xx
 * responses to all requests, measured at the ingress controller, so the app needs no metrics of
 * its own. Throws one error listing every problem with the spec.
 */
export function availabilitySloRuleGroups(spec: AvailabilitySloSpec): RuleGroup[] {
  const problems = availabilitySloProblems(spec);
  if (problems.length > 0) throw new Error(`Invalid availability SLO:\n  - ${problems.join("\n  - ")}`);

  const { namespace, objective } = spec;
  if ((spec.ingressName === undefined) === (spec.probeJob === undefined)) {
    throw new Error("Invalid availability SLO: expected exactly one of ingressName (measured at ingress-nginx) and probeJob (measured by the probe)");
  }
  const measuredBy = spec.ingressName !== undefined ? "ingress" : "probe";
  const subject = spec.ingressName ?? spec.probeJob!;
  const selector = measuredBy === "ingress" ? `namespace="${namespace}", ingress="${subject}"` : `namespace="${namespace}", job="${subject}"`;
  const sloLabels: Record<string, string> = measuredBy === "ingress" ? { namespace, ingress: subject } : { namespace, probe: subject };
  const errorRatio = (window: string) =>
    measuredBy === "ingress"
      ? `sum by (namespace, ingress) (rate(${INGRESS_REQUESTS_METRIC}{${selector}, status=~"5.."}[${window}]))\n` +
        `/\nsum by (namespace, ingress) (rate(${INGRESS_REQUESTS_METRIC}{${selector}}[${window}]))`
      : `1 - avg by (namespace, job) (avg_over_time(${PROBE_SUCCESS_METRIC}{${selector}}[${window}]))`;

  const recording: Rule[] = SLO_WINDOWS.map((window) => ({
    record: errorRatioRecord(window, measuredBy),
    expr: errorRatio(window),
    labels: { slo: "availability" },
  }));

  const percent = (share: number) => `${+(share * 100).toPrecision(6)}%`;
  const alerting: Rule[] = BURN_RATE_ALERTS.map(({ burnRate, longWindow, shortWindow, severity }) => ({
    alert: "AvailabilityErrorBudgetBurn",
    expr:
      `${errorRatioRecord(longWindow, measuredBy)}{${selector}} > ${threshold(burnRate, objective)}\n` +
      `and\n${errorRatioRecord(shortWindow, measuredBy)}{${selector}} > ${threshold(burnRate, objective)}`,
    labels: { ...sloLabels, severity, slo: "availability", burn_rate: String(burnRate), long_window: longWindow },
    annotations: {
      summary: `${namespace}/${subject} is spending its error budget ${burnRate}x too fast`,
      description:
        measuredBy === "ingress"
          ? `Over the last ${longWindow} and ${shortWindow}, more than ${burnRate} times the ${percent(1 - objective)} of requests ` +
            `that the ${percent(objective)} availability objective allows failed with a 5xx response at the ingress.`
          : `Over the last ${longWindow} and ${shortWindow}, more than ${burnRate} times the ${percent(1 - objective)} of probes ` +
            `of the public URL that the ${percent(objective)} availability objective allows failed.`,
    },
  }));

  return [
    { name: "slo-availability-error-ratios", rules: recording },
    { name: "slo-availability-burn-rate-alerts", rules: alerting },
  ];
}
