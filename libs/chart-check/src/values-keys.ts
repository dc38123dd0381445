/** A key path set in our values that the chart's default values do not have. */
export interface UnknownKey {
  readonly path: readonly string[];
  /** The keys that do exist at that level, nearest in spelling first (at most three). */
  readonly nearest: readonly string[];
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A default that a chart leaves for the user to fill: null, an empty map or a list. Below such a
 * key any key is allowed (annotations, nodeSelector, extraArgs), so nothing below it is checked.
 */
function isFreeForm(value: unknown): boolean {
  return value === null || Array.isArray(value) || (isMap(value) && Object.keys(value).length === 0);
}

/**
 * Every key path in `ours` that `defaults` (the chart's default values, subcharts' under their
 * alias) does not have. Only maps are walked: a key set where the default is a scalar is a type
 * question for the chart's schema and templates, not a spelling one.
 */
export function unknownValueKeys(ours: Record<string, unknown>, defaults: Record<string, unknown>, path: readonly string[] = []): UnknownKey[] {
  return Object.entries(ours).flatMap(([key, value]) => {
    const here = [...path, key];
    if (!Object.hasOwn(defaults, key)) return [{ path: here, nearest: nearestKeys(key, Object.keys(defaults)) }];
    const fallback = defaults[key];
    if (isFreeForm(fallback) || !isMap(fallback) || !isMap(value)) return [];
    return unknownValueKeys(value, fallback, here);
  });
}

/** `a.b["c.d"]`: a key path as a person would type it in a values file. */
export function formatKeyPath(path: readonly string[]): string {
  return path.map((key, index) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `${index === 0 ? "" : "."}${key}` : `[${JSON.stringify(key)}]`)).join("");
}

/** The candidates closest to `key` by edit distance, ignoring case; ties in alphabetical order. */
export function nearestKeys(key: string, candidates: readonly string[], count = 3): string[] {
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((entry) => entry.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * A chart's default values with its subcharts' defaults merged in under their alias: the parent's
 * values for a subchart win, and keys of both count as known. `global` is shared by all of them.
 */
export function mergeSubchartDefaults(parent: Record<string, unknown>, subcharts: ReadonlyArray<{ alias: string; defaults: Record<string, unknown> }>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...parent };
  for (const { alias, defaults } of subcharts) {
    const { global, ...own } = defaults;
    const fromParent = merged[alias];
    merged[alias] = deepMerge(own, isMap(fromParent) ? fromParent : {});
    if (isMap(global)) merged.global = deepMerge(global, isMap(merged.global) ? merged.global : {});
  }
  return merged;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = result[key];
    // An empty map in either keeps the other's keys: {} over a filled map must not hide them.
    result[key] = isMap(below) && isMap(value) ? deepMerge(below, value) : value;
  }
  return result;
}

/**
 * Whether a key the chart's defaults lack reached the rendered objects anyway, with its value:
 * charts pass maps such as a securityContext or resources through whole (`toYaml`), so their
 * Kubernetes fields need not be in the defaults. Such a key was consumed, and the API server
 * then validated it (strictly) as part of its object; only a key that reached nothing is unknown.
 */
export function reachedRenderedObjects(path: readonly string[], ours: Record<string, unknown>, objects: readonly unknown[]): boolean {
  let value: unknown = ours;
  for (const key of path) value = isMap(value) ? value[key] : undefined;
  const key = path[path.length - 1]!;
  const found = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(found);
    if (!isMap(node)) return false;
    if (Object.hasOwn(node, key) && contains(node[key], value)) return true;
    return Object.values(node).some(found);
  };
  return objects.some(found);
}

/** `rendered` holds `ours`: maps may have more keys (defaults merged in), scalars may be quoted. */
function contains(rendered: unknown, ours: unknown): boolean {
  if (isMap(ours)) return isMap(rendered) && Object.entries(ours).every(([key, value]) => contains(rendered[key], value));
  if (Array.isArray(ours)) return Array.isArray(rendered) && rendered.length === ours.length && ours.every((value, index) => contains(rendered[index], value));
  return rendered !== undefined && !isMap(rendered) && !Array.isArray(rendered) && String(rendered) === String(ours);
}

/**
 * Whether a key reached a rendered object as text: charts write some values into configuration
 * files held in ConfigMaps or Secrets (grafana.ini, blackbox modules). Then one rendered string
 * holds the key and every key and value below it.
 */
export function reachedAsText(path: readonly string[], ours: Record<string, unknown>, objects: readonly unknown[]): boolean {
  let value: unknown = ours;
  for (const key of path) value = isMap(value) ? value[key] : undefined;
  const needles = [path[path.length - 1]!, ...leaves(value)];
  const found = (node: unknown): boolean => {
    if (typeof node === "string") return needles.every((needle) => node.includes(needle));
    if (Array.isArray(node)) return node.some(found);
    return isMap(node) && Object.values(node).some(found);
  };
  return objects.some(found);
}

function leaves(value: unknown): string[] {
  if (isMap(value)) return Object.entries(value).flatMap(([key, below]) => [key, ...leaves(below)]);
  if (Array.isArray(value)) return value.flatMap(leaves);
  return value === null || value === undefined ? [] : [String(value)];
}

/** A chart's templates and where its values sit: [] for the chart, [alias] for a subchart's. */
export interface TemplateSource {
  readonly prefix: readonly string[];
  readonly text: string;
}

/**
 * Whether a template reads the key by name (`.Values.fullnameOverride`): charts read keys that
 * their values.yaml does not list, so the key is in use though the defaults lack it.
 */
export function readByTemplates(path: readonly string[], sources: readonly TemplateSource[]): boolean {
  return sources.some(({ prefix, text }) => {
    if (prefix.length >= path.length || prefix.some((key, index) => path[index] !== key)) return false;
    const rest = path.slice(prefix.length);
    if (!rest.every((key) => /^[A-Za-z_]\w*$/.test(key))) return false;
    return new RegExp(`\\.Values\\.${rest.join("\\.")}(?!\\w)`).test(text);
  });
}
