import { containersOf, validatePods } from "../kubernetes";
import { asArray, asRecord, type ResourcePolicy } from "../resource";

/** Names that hold credentials: `DB_PASSWORD`, `OPENAI_API_KEY`, `JWT_SECRET`, `DATABASE_URL`... */
export const SENSITIVE_ENV_NAME =
  /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|_KEY$|^KEY$|_DSN$|DATABASE_URL|CONNECTION_STRING|WEBHOOK_URL)/i;

export const secretEnv: ResourcePolicy = {
  name: "secret-env",
  description: "Environment variables whose names look sensitive take their value from a Secret (secretKeyRef).",
  enforcementLevel: "mandatory",
  validateResource: validatePods(({ template, subject }, _args, reportViolation) => {
    for (const { container, field, name } of containersOf(template.spec)) {
      for (const variable of asArray(container.env).map(asRecord)) {
        const variableName = typeof variable.name === "string" ? variable.name : "";
        if (!SENSITIVE_ENV_NAME.test(variableName)) continue;
        if (asRecord(variable.valueFrom).secretKeyRef !== undefined) continue;
        const source = variable.value !== undefined ? "a literal value" : "a source other than a Secret";
        reportViolation(
          `${subject}: ${field} "${name}" sets ${variableName} from ${source}: put the value in a Secret ` +
            "(from a Pulumi secret) and read it with valueFrom.secretKeyRef.",
        );
      }
    }
  }, { operatorPods: true }),
};
