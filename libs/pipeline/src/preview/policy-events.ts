/**
 * Policy violations from a Pulumi engine event log (`--event-log <file>`: one JSON event a line).
 * `pulumi preview --json` leaves policy events out of its digest (Pulumi 3.248 drops them), so a
 * preview stopped by the policy pack would otherwise say only "preview failed".
 */
interface PolicyEvent {
  readonly resourceUrn?: string;
  readonly message: string;
  readonly policyName: string;
  readonly enforcementLevel: string;
}

/** `<policy> (<resource name>): <message>` for each mandatory violation, in the order they came. */
export function mandatoryPolicyViolations(eventLog: string): string[] {
  const violations: string[] = [];
  for (const line of eventLog.split("\n")) {
    if (!line.includes('"policyEvent"')) continue;
    let event: PolicyEvent | undefined;
    try {
      event = (JSON.parse(line) as { policyEvent?: PolicyEvent }).policyEvent;
    } catch {
      continue; // a line cut short when the engine stopped
    }
    if (!event || event.enforcementLevel !== "mandatory") continue;
    const resource = event.resourceUrn ? ` (${event.resourceUrn.split("::").pop()})` : "";
    violations.push(`${event.policyName}${resource}: ${event.message.trim()}`);
  }
  return violations;
}
