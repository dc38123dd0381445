/**
 * Which settings of a `.env` file are secrets. A name that looks sensitive, or a value that holds
 * a credential, goes in as a Pulumi secret; lists kept in the stack config decide the rest. When
 * in doubt the answer is "secret": a public value stored encrypted costs nothing, a key stored in
 * plain text leaks.
 */

export interface Classification {
  readonly secret: boolean;
  /** Why, in words, for the import's report. */
  readonly reason: string;
}

export interface ClassificationRules {
  /** Names that are always secrets (`--secret-keys`, `<project>:sensitiveEnvNames`). */
  readonly sensitiveNames?: ReadonlySet<string>;
  /** Names whose name pattern misleads, such as `SOLANA_PUBLIC_KEY` (`--plain-keys`, `<project>:plainEnvNames`). */
  readonly plainNames?: ReadonlySet<string>;
}

/** Name endings and parts that mark credentials, as `.env` files of Eliza-style agents use them. */
const SENSITIVE_NAME_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/(^|_)PRIVATE_?KEY($|_)/, "it names a private key"],
  [/PASSWORD|PASSWD/, "its name contains PASSWORD"],
  [/(^|_)(API_?)?KEY$/, "its name ends in _KEY"],
  [/(^|_)TOKEN$/, "its name ends in _TOKEN"],
  [/(^|_)SECRET($|_)/, "its name contains SECRET"],
  [/(^|_)(PASS|PWD)$/, "its name ends in _PASS"],
  [/(^|_)(CREDENTIALS?|COOKIES?)$/, "its name ends in _CREDENTIALS or _COOKIES"],
  [/(^|_)(MNEMONIC|SEED_PHRASE|SALT)$/, "its name marks a wallet seed or salt"],
];

/** `scheme://user:password@host`: a connection string that carries its own credentials. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

function sensitiveValue(value: string): string | undefined {
  if (URL_WITH_PASSWORD.test(value)) return "its value is a URL with a password";
  if (PEM_PRIVATE_KEY.test(value)) return "its value is a PEM private key";
  return undefined;
}

/** Decides whether one setting is a secret. An explicit "secret" wins over an explicit "plain". */
export function classify(name: string, value: string, rules: ClassificationRules = {}): Classification {
  if (rules.sensitiveNames?.has(name)) return { secret: true, reason: "it is listed as sensitive" };
  const byValue = sensitiveValue(value);
  if (byValue) return { secret: true, reason: byValue };
  if (rules.plainNames?.has(name)) return { secret: false, reason: "it is listed as plain" };
  const upper = name.toUpperCase();
  const byName = SENSITIVE_NAME_PATTERNS.find(([pattern]) => pattern.test(upper));
  if (byName) return { secret: true, reason: byName[1] };
  return { secret: false, reason: "nothing marks it sensitive" };
}
