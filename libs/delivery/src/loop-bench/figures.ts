/**
 * The figures of the fast loop, each measured the same way on two checkouts, and the table that
 * compares them. Pure: the measuring is in run.ts.
 */

/** Wall and CPU time of one command, its whole process tree included. */
export interface Cost {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

export interface Figure {
  readonly name: string;
  /** What the figure should stay under, as the issue that set it says. */
  readonly goal: string;
}

export const FIGURES = {
  testCold: { name: "npm test, cold (lint + typecheck + test, no Nx cache)", goal: "< 120 CPU-s, < 90 s wall" },
  testCached: { name: "npm test, fully cached", goal: "< 5 s wall" },
  planAll: { name: "npm run plan, every stack", goal: "< 15 CPU-s, < 10 s wall" },
  affected: { name: "affected set of one change (delivery affected)", goal: "< 1 s wall" },
  ciBeforeE2e: { name: ".ci/run before the end-to-end run (npm ci, plan dev, npm test cold)", goal: "< 3 min wall" },
} as const satisfies Record<string, Figure>;

export type FigureKey = keyof typeof FIGURES;

/**
 * Clock ticks of CPU used by the children this process has waited for (their own waited-for
 * children included), from /proc/<pid>/stat: fields 16 and 17, cutime and cstime.
 */
export function childCpuTicks(stat: string): number {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cutime = Number(afterName[13]);
  const cstime = Number(afterName[14]);
  if (!Number.isFinite(cutime) || !Number.isFinite(cstime)) throw new Error(`Cannot read cutime and cstime from /proc stat: ${stat.slice(0, 80)}`);
  return cutime + cstime;
}

export interface Row {
  readonly figure: Figure;
  readonly baseline?: Cost;
  readonly head?: Cost;
}

function seconds(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} s` : `${value.toFixed(1)} s`;
}

function ratio(head: number, baseline: number): string {
  return baseline > 0 ? `${(head / baseline).toFixed(2)}x` : "-";
}

/** A Markdown table: each figure's wall and CPU time on both checkouts, and head / baseline. */
export function renderTable(rows: readonly Row[], labels: { baseline: string; head: string }): string {
  const lines = [
    `| figure | goal | ${labels.baseline} wall | ${labels.head} wall | ratio | ${labels.baseline} CPU | ${labels.head} CPU | ratio |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const { figure, baseline, head } of rows) {
    const cell = (cost: Cost | undefined, pick: (cost: Cost) => number) => (cost ? seconds(pick(cost)) : "-");
    const both = (pick: (cost: Cost) => number) => (baseline && head ? ratio(pick(head), pick(baseline)) : "-");
    lines.push(
      `| ${figure.name} | ${figure.goal} | ${cell(baseline, (c) => c.wallSeconds)} | ${cell(head, (c) => c.wallSeconds)} | ${both((c) => c.wallSeconds)} | ` +
        `${cell(baseline, (c) => c.cpuSeconds)} | ${cell(head, (c) => c.cpuSeconds)} | ${both((c) => c.cpuSeconds)} |`,
    );
  }
  return lines.join("\n");
}

/** The sum of several measured steps, as one figure. */
export function total(costs: readonly Cost[]): Cost {
  return costs.reduce((sum, cost) => ({ wallSeconds: sum.wallSeconds + cost.wallSeconds, cpuSeconds: sum.cpuSeconds + cost.cpuSeconds }), {
    wallSeconds: 0,
    cpuSeconds: 0,
  });
}
