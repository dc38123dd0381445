import { describe, expect, it } from "vitest";
import { childCpuTicks, FIGURES, renderTable, total } from "./figures";

describe("the loop bench's figures", () => {
  it("reads the waited-for children's CPU ticks from /proc stat, even with spaces in the command name", () => {
    // Fields 14-17: utime stime cutime cstime.
    const stat = "4242 (node my tool) S 1 4242 4242 0 -1 4194304 100 200 0 0 11 22 3300 440 20 0 7 0 500 1000 300";
    expect(childCpuTicks(stat)).toBe(3740);
  });

  it("refuses a stat line it cannot read, quoting it", () => {
    expect(() => childCpuTicks("4242 (node) S 1")).toThrow(/Cannot read cutime and cstime from \/proc stat: 4242 \(node\) S 1/);
  });

  it("adds steps into one figure", () => {
    expect(total([{ wallSeconds: 30, cpuSeconds: 40 }, { wallSeconds: 8.5, cpuSeconds: 16 }])).toEqual({ wallSeconds: 38.5, cpuSeconds: 56 });
  });

  it("prints each figure on both checkouts with HEAD / baseline, and a dash for what was not measured", () => {
    const table = renderTable(
      [
        { figure: FIGURES.planAll, baseline: { wallSeconds: 44, cpuSeconds: 81 }, head: { wallSeconds: 8.8, cpuSeconds: 16.2 } },
        { figure: FIGURES.affected },
      ],
      { baseline: "main", head: "HEAD" },
    );
    expect(table.split("\n")).toEqual([
      "| figure | goal | main wall | HEAD wall | ratio | main CPU | HEAD CPU | ratio |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      "| npm run plan, every stack | < 15 CPU-s, < 10 s wall | 44.0 s | 8.8 s | 0.20x | 81.0 s | 16.2 s | 0.20x |",
      "| affected set of one change (delivery affected) | < 1 s wall | - | - | - | - | - | - |",
    ]);
  });
});
