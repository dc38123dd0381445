import { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { describe, expect, it } from "vitest";
import { applicationDashboard } from "./application-dashboard";
import { dashboardConfigMapData } from "./configmap";

describe("dashboardConfigMapData", () => {
  it("holds the dashboard as one JSON file named after its uid", () => {
    const data = dashboardConfigMapData(applicationDashboard({ app: "pioneer-agent", namespace: "pioneer-agent" }));
    expect(Object.keys(data)).toEqual(["app-pioneer-agent.json"]);
    expect(JSON.parse(data["app-pioneer-agent.json"]!)).toMatchObject({ uid: "app-pioneer-agent", title: "pioneer-agent" });
  });

  it("refuses a dashboard without a uid, which Grafana would duplicate on every load", () => {
    const loose = new DashboardBuilder("loose").build();
    expect(() => dashboardConfigMapData(loose)).toThrow('dashboard "loose" has no uid');
  });
});
