/** The run's phases with their times, printed as they end and summed up at the end. */
export class Timeline {
  private readonly entries: { name: string; seconds: number; ok: boolean }[] = [];

  async phase<T>(name: string, work: () => Promise<T>): Promise<T> {
    console.log(`\n▶ ${name}`);
    const started = performance.now();
    try {
      const result = await work();
      this.record(name, started, true);
      return result;
    } catch (error) {
      this.record(name, started, false);
      throw error;
    }
  }

  summary(): string {
    const width = Math.max(...this.entries.map((entry) => entry.name.length));
    const lines = this.entries.map((entry) => `  ${entry.ok ? "✓" : "✗"} ${entry.name.padEnd(width)}  ${entry.seconds.toFixed(1).padStart(7)} s`);
    const total = this.entries.reduce((sum, entry) => sum + entry.seconds, 0);
    return [...lines, `    ${"total".padEnd(width)}  ${total.toFixed(1).padStart(7)} s`].join("\n");
  }

  private record(name: string, started: number, ok: boolean): void {
    const seconds = (performance.now() - started) / 1000;
    this.entries.push({ name, seconds, ok });
    console.log(`${ok ? "✓" : "✗"} ${name} (${seconds.toFixed(1)} s)`);
  }
}
