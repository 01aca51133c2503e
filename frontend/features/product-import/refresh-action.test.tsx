import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { JOBS_PATH, STATE_PATH, created, jobPath, makeJob, makeState, ok, stubBackend } from "@/test/fake-backend";
import { renderDialog } from "@/test/render-dialog";

const HOUR = 3_600_000;
const refreshParams = { mode: "refresh" as const, limit: 100, resumeFromLast: true, startAfterId: null };
const refreshButton = () => screen.getByRole("button", { name: "Refresh imported products" });
const footer = () => document.querySelector<HTMLElement>('[data-slot="dialog-footer"]')!;

function lastRefresh(hoursAgo: number, overrides: Parameters<typeof makeJob>[0] = {}) {
  const finished = new Date(Date.now() - hoursAgo * HOUR - 60_000).toISOString();
  return makeJob({ id: "refresh-0", status: "completed", params: refreshParams, finished_at: finished, ...overrides });
}

describe("Refresh imported products", () => {
  it("sits next to Start Import and says what it does and how the last refresh went", async () => {
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ last_refresh: lastRefresh(3, { metrics: { withdrawn: 12, updated: 40 } }) })) });
    renderDialog();

    await screen.findByLabelText("Batch size");

    const buttons = within(footer()).getAllByRole("button").map((b) => b.textContent);
    expect(buttons).toEqual(["Cancel", "Refresh imported products", "Start Import"]);
    expect(refreshButton()).toBeEnabled();
    expect(refreshButton()).toHaveAccessibleDescription(/Re-checks imported products against Magento; withdraws what it no longer sells\. Last refreshed 3 h ago: 12 withdrawn, 40 updated\./);
  });

  it.each([
    ["never ran", null, "Not refreshed yet."],
    ["failed", lastRefresh(50, { status: "failed", error_message: "Magento database unavailable" }), "Last refresh failed 2 d ago."],
  ])("tells when the last refresh %s", async (_, last, text) => {
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ last_refresh: last })) });
    renderDialog();

    expect(await screen.findByText(new RegExp(text.replace(/\./g, "\\.")))).toBeInTheDocument();
  });

  it("is disabled while the Lookbook holds no imported product", async () => {
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ imported: 0, on_sale: 0 })) });
    renderDialog();

    await screen.findByLabelText("Batch size");
    expect(refreshButton()).toBeDisabled();
  });

  it("starts a refresh whatever the import fields hold, shows Withdrawn in the progress and summary, and refreshes the table when done", async () => {
    const backend = stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState({ remaining: 250 })),
      [`POST ${JOBS_PATH}`]: created({ jobId: "refresh-1" }),
      [`GET ${jobPath("refresh-1")}`]: [
        ok(makeJob({ id: "refresh-1", params: refreshParams, metrics: { total_found: 1200, processed: 500, withdrawn: 7, updated: 20, unchanged: 473 } })),
        ok(makeJob({ id: "refresh-1", params: refreshParams, status: "completed", metrics: { total_found: 1200, processed: 1200, withdrawn: 12, updated: 40, unchanged: 1148, elapsed_ms: 1400 } })),
      ],
    });
    const { user, queryClient } = renderDialog();
    queryClient.setQueryData(["products", "list", { page: 1, pageSize: 25, q: "" }], { items: [], total: 0, page: 1, pageSize: 25 });
    const batchSize = await screen.findByLabelText("Batch size");
    await user.clear(batchSize);

    await user.click(refreshButton());

    expect(backend.callsTo("POST", JOBS_PATH).map((c) => c.body)).toEqual([{ mode: "refresh" }]);
    expect(await screen.findByRole("progressbar", { name: "Refresh progress" })).toBeInTheDocument();
    const counts = within(screen.getByText("Withdrawn").closest("dl")!);
    expect(counts.getByText("Withdrawn").nextElementSibling).toHaveTextContent("7");
    expect(counts.queryByText("Inserted")).not.toBeInTheDocument();
    expect(screen.getByText("The refresh keeps running if you close this window.")).toBeInTheDocument();

    expect(await screen.findByText(/Refresh completed\./, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(within(screen.getByText("Withdrawn").closest("dl")!).getByText("Withdrawn").nextElementSibling).toHaveTextContent("12");
    expect(screen.queryByRole("button", { name: "Import next batch" })).not.toBeInTheDocument();
    expect(screen.queryByText(/eligible products remain/)).not.toBeInTheDocument();
    expect(queryClient.getQueryState(["products", "list", { page: 1, pageSize: 25, q: "" }])?.isInvalidated).toBe(true);
  });

  it("re-attaches to a refresh already running and names it", async () => {
    const running = makeJob({ id: "refresh-2", params: refreshParams, metrics: { total_found: 10, processed: 3 } });
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ active_job: running })), [`GET ${jobPath("refresh-2")}`]: ok(running) });
    renderDialog();

    expect(await screen.findByText("A refresh is already running; showing its progress.")).toBeInTheDocument();
    expect(await screen.findByText("3 / 10")).toBeInTheDocument();
  });
});
