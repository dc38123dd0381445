/**
 * Kubernetes resource quantities (`500m`, `2Gi`, `1.5`), parsed the way the API server reads them,
 * so that config can be checked and compared before anything reaches a cluster.
 */

const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

// The API server's grammar: a signed decimal number, then a binary suffix, a decimal suffix or
// a decimal exponent.
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The quantity's value in base units (cores, bytes), or `undefined` when it is not a quantity. */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text.trim() === text ? text : "");
  if (!match) return undefined;
  const [, digits, suffix = ""] = match;
  const value = Number(digits);
  if (!Number.isFinite(value)) return undefined;
  if (suffix in BINARY_SUFFIXES) return value * BINARY_SUFFIXES[suffix]!;
  if (suffix in DECIMAL_SUFFIXES) return value * DECIMAL_SUFFIXES[suffix]!;
  return value * 10 ** Number(suffix.slice(1));
}

/** Formats base units back to the shortest exact binary quantity, for messages (`2Gi`). */
export function formatBytes(bytes: number): string {
  for (const suffix of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
    const unit = BINARY_SUFFIXES[suffix]!;
    if (bytes >= unit && Number.isInteger(bytes / unit)) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
