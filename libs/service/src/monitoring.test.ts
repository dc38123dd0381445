import { describe, expect, it } from "vitest";
import { proberOf } from "./monitoring";

describe("proberOf", () => {
  it("reads a bare host:port as plain HTTP", () => {
    expect(proberOf("blackbox-exporter.monitoring.svc:9115")).toEqual({ url: "blackbox-exporter.monitoring.svc:9115", scheme: "http", path: "/probe" });
  });

  it("keeps the scheme and path prefix of a full URL", () => {
    expect(proberOf("https://blackbox.monitoring.svc:9443/exporter/")).toEqual({
      url: "blackbox.monitoring.svc:9443",
      scheme: "https",
      path: "/exporter/probe",
    });
  });
});
