/**
 * Wraps a program run so that each distinct set of arguments runs once per test file, and runs
 * never overlap (the Pulumi SDK's mock runtime is global). Tests then read what one run
 * registered instead of running the whole program again for every assertion.
 */
export function runOnce<A extends unknown[], R>(run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const runs = new Map<string, Promise<R>>();
  let last: Promise<unknown> = Promise.resolve();
  return (...args: A) => {
    const key = JSON.stringify(args);
    const existing = runs.get(key);
    if (existing) return existing;
    const started = last.then(
      () => run(...args),
      () => run(...args),
    );
    last = started.catch(() => undefined);
    runs.set(key, started);
    return started;
  };
}
