/** Kubernetes resource quantities, as quotas, requests and stack configs write them. */
const SUFFIXES: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
};

/** The value of a Kubernetes quantity ("250m" is 0.25, "128Mi" is 134217728). */
export function quantityValue(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(n|u|m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) throw new Error(`"${quantity}" is not a Kubernetes quantity`);
  return Number(match[1]) * SUFFIXES[match[2] ?? ""]!;
}
