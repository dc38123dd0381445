import { describe, expect, it } from "vitest";
import { environmentsToReport } from "./environments";

describe("environmentsToReport", () => {
  it("reports dev, staging and production by default, never local", () => {
    expect(environmentsToReport()).toEqual(["dev", "staging", "production"]);
  });

  it("keeps promotion order whatever order they were asked in", () => {
    expect(environmentsToReport(["production", "local", "dev"])).toEqual(["local", "dev", "production"]);
  });

  it("refuses unknown environments, naming them and the known ones", () => {
    expect(() => environmentsToReport(["qa", "prod"])).toThrow('Unknown environment "qa", "prod": expected one of local, e2e, dev, staging, production');
  });
});
