/** What went wrong, and where: one environment's release of one chart. */
export interface Problem {
  readonly env: string;
  readonly chart: string;
  readonly version: string;
  /** chart: not found; helm: helm refused to render; values-key: a key the chart does not have; refused: the API server said no. */
  readonly kind: "chart" | "helm" | "values-key" | "refused";
  readonly message: string;
}

/** One chart × environment: how much was rendered and validated, and how long it took. */
export interface ChartRun {
  readonly env: string;
  readonly chart: string;
  readonly version: string;
  readonly rendered: number;
  readonly validated: number;
  readonly problems: number;
  readonly seconds: number;
}

export function formatRun(run: ChartRun, widths: { env: number; chart: number }): string {
  const mark = run.problems === 0 ? "✓" : "✗";
  const name = `${run.chart} ${run.version}`;
  const problems = run.problems === 0 ? "" : `, ${run.problems} problem${run.problems === 1 ? "" : "s"}`;
  return `${mark} ${run.env.padEnd(widths.env)}  ${name.padEnd(widths.chart)}  ${String(run.rendered).padStart(4)} rendered, ${String(run.validated).padStart(4)} validated${problems}, ${run.seconds.toFixed(1)} s`;
}

/** The whole report: a line per chart × environment, then every problem, then a closing line. */
export function formatReport(runs: readonly ChartRun[], problems: readonly Problem[], seconds: number): string {
  const widths = {
    env: Math.max(0, ...runs.map((run) => run.env.length)),
    chart: Math.max(0, ...runs.map((run) => `${run.chart} ${run.version}`.length)),
  };
  const lines = runs.map((run) => formatRun(run, widths));
  if (problems.length > 0) {
    lines.push("", `${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
    // helm's messages span lines: indent the rest under the problem they belong to.
    for (const problem of problems) lines.push(`  ${problem.env} / ${problem.chart} ${problem.version}: ${problem.message.trim().replace(/\n/g, "\n      ")}`);
  }
  const rendered = runs.reduce((sum, run) => sum + run.rendered, 0);
  const validated = runs.reduce((sum, run) => sum + run.validated, 0);
  lines.push(
    "",
    `${problems.length === 0 ? "Every chart passed" : "Chart check failed"}: ${runs.length} chart × environment pair${runs.length === 1 ? "" : "s"}, ${rendered} objects rendered, ${validated} validated by the API server, ${problems.length} problem${problems.length === 1 ? "" : "s"}, ${seconds.toFixed(1)} s.`,
  );
  return lines.join("\n");
}
