/**
 * The document `pulumi preview --json` prints (Pulumi's `PreviewDigest`), read with only the fields
 * the pipeline uses and everything else let through, so a newer CLI adding fields breaks nothing.
 */
import { z } from "zod";

const resourceState = z.looseObject({
  urn: z.string().optional(),
  type: z.string().optional(),
  custom: z.boolean().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
});

const step = z.looseObject({
  op: z.string(),
  urn: z.string(),
  oldState: resourceState.optional(),
  newState: resourceState.optional(),
  diffReasons: z.array(z.string()).optional(),
  replaceReasons: z.array(z.string()).optional(),
});

const diagnostic = z.looseObject({
  urn: z.string().optional(),
  message: z.string(),
  severity: z.string(),
});

export const previewDigestSchema = z.looseObject({
  steps: z.array(step).optional(),
  diagnostics: z.array(diagnostic).optional(),
  changeSummary: z.record(z.string(), z.number()).optional(),
  duration: z.number().optional(),
});

export type PreviewDigest = z.infer<typeof previewDigestSchema>;
export type PreviewStep = z.infer<typeof step>;

/**
 * Parses what `pulumi preview --json` printed. A preview that failed before it could print JSON
 * (no credentials, a crashed program) gives a clear error instead of a parse trace.
 */
export function parsePreviewDigest(text: string, source: string): PreviewDigest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const start = text.trim().slice(0, 120);
    throw new Error(`${source} is not the JSON of \`pulumi preview --json\`: it starts with ${JSON.stringify(start)}`);
  }
  const parsed = previewDigestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`${source} is not the JSON of \`pulumi preview --json\`:\n  - ${problems.join("\n  - ")}`);
  }
  return parsed.data;
}
