const QUANTITY = /^(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const SUFFIXES: Readonly<Record<string, number>> = {
  ...{ Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 },
  ...{ n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 },
};

/** A Kubernetes quantity (`500m`, `2Gi`, `1.5`) in base units, as the API server reads it; undefined when it is none. */
export function quantityValue(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, digits, suffix = ""] = match;
  return Number(digits) * (SUFFIXES[suffix] ?? 10 ** Number(suffix.slice(1)));
}

/** Millicores as a stack file writes CPU: whole cores quoted (`"3"`), else `1500m`. */
export function cpuText(millicores: number): string {
  return millicores % 1000 === 0 ? `"${millicores / 1000}"` : `${millicores}m`;
}

/** Bytes as a stack file writes memory: whole `Gi`, else `Mi`, rounded up. */
export function memoryText(bytes: number): string {
  return bytes % 2 ** 30 === 0 ? `${bytes / 2 ** 30}Gi` : `${Math.ceil(bytes / 2 ** 20)}Mi`;
}
