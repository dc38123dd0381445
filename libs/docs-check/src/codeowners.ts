import ignore from "ignore";

/** One line of a CODEOWNERS file: a gitignore-style pattern and the owners of what it matches. */
export interface OwnershipRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  readonly line: number;
}

export function parseCodeowners(text: string): OwnershipRule[] {
  return text.split("\n").flatMap((raw, index) => {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (!line || line.startsWith("#")) return [];
    const [pattern, ...owners] = line.split(/\s+/);
    return [{ pattern: pattern!, owners, line: index + 1 }];
  });
}

/** The rule that decides who owns a path: as on GitHub, the last one that matches. */
export function ruleFor(rules: readonly OwnershipRule[], path: string): OwnershipRule | undefined {
  return [...rules].reverse().find((rule) => ignore().add(rule.pattern).ignores(path));
}
