/**
 * Vulnerabilities accepted in an image for a while, each with its reason and an end. The gate lets
 * a listed finding through until `expires`; after that the image fails its scan again and no
 * promotion carries it forward. Reviewed like code (CODEOWNERS: the platform team).
 */
import { isPlatformImage, type PlatformImageName } from "@platform/config/src/images";

export interface ScanException {
  readonly image: PlatformImageName;
  /** The advisory, as Trivy names it: `CVE-2026-12345`, `GHSA-xxxx-xxxx-xxxx`. */
  readonly vulnerability: string;
  /** The package it is found in, as Trivy names it. */
  readonly package: string;
  /** Why it is accepted and what protects the image meanwhile. */
  readonly reason: string;
  /** When the exception was agreed, `YYYY-MM-DD`. */
  readonly added: string;
  /** The last day it applies, `YYYY-MM-DD`: at most MAX_EXCEPTION_DAYS after `added`. */
  readonly expires: string;
}

/** No exception outlives a quarter: by then the fix is shipped or the decision is made again. */
export const MAX_EXCEPTION_DAYS = 90;

/** None today: every image passes its scan without one. */
export const SCAN_EXCEPTIONS: readonly ScanException[] = [];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ADVISORY = /^(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|[A-Z]+-[\w.-]+)$/;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Every problem of every entry at once, each naming the entry and the field. */
export function exceptionProblems(exceptions: readonly ScanException[]): string[] {
  return exceptions.flatMap((exception, index) => {
    const at = `SCAN_EXCEPTIONS[${index}] (${exception.vulnerability} in ${exception.image})`;
    const problems: string[] = [];
    if (!isPlatformImage(exception.image)) problems.push(`${at}.image is "${exception.image}": expected an image the platform builds`);
    if (!ADVISORY.test(exception.vulnerability)) problems.push(`${at}.vulnerability is "${exception.vulnerability}": expected an advisory id such as CVE-2026-12345`);
    if (exception.package.trim() === "") problems.push(`${at}.package is empty: expected the package Trivy reports it in`);
    if (exception.reason.trim().length < 20) problems.push(`${at}.reason is "${exception.reason}": expected why it is accepted and what protects the image meanwhile`);
    for (const field of ["added", "expires"] as const) {
      if (!DATE.test(exception[field]) || Number.isNaN(dayOf(exception[field]))) problems.push(`${at}.${field} is "${exception[field]}": expected a date YYYY-MM-DD`);
    }
    if (DATE.test(exception.added) && DATE.test(exception.expires)) {
      const days = dayOf(exception.expires) - dayOf(exception.added);
      if (days < 0) problems.push(`${at}.expires (${exception.expires}) is before added (${exception.added})`);
      else if (days > MAX_EXCEPTION_DAYS) problems.push(`${at}.expires is ${days} days after added: expected at most ${MAX_EXCEPTION_DAYS}`);
    }
    return problems;
  });
}

/** Whether the exception still applies on `today` (`YYYY-MM-DD`, UTC): through its last day. */
export function isLive(exception: ScanException, today: string): boolean {
  return exception.expires >= today;
}
