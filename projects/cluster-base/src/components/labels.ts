/** The labels of the platform-wide objects cluster-base declares. */
export const PLATFORM_LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "degen-platform" } as const;
