import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { JOBS_PATH, STATE_PATH, created, jobPath, makeJob, makeState, ok, status, stubBackend } from "@/test/fake-backend";
import { renderDialog } from "@/test/render-dialog";

const footer = () => document.querySelector<HTMLElement>('[data-slot="dialog-footer"]')!;
const processed = () => screen.getByTestId("import-processed");
// Under fake timers findBy* and user-event wait on timers that never fire, so these tests click with
// fireEvent, move time on explicitly and read the DOM afterwards.
// A few 1 ms steps after the jump let each fetch → notify → render → next fetch hop settle.
async function tick(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let i = 0; i < 5; i++) await act(() => vi.advanceTimersByTimeAsync(1));
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Import Products dialog: running and finished jobs", () => {
  it("polls every second, shows progress with an unknown total as —, and stops once completed", async () => {
    vi.useFakeTimers();
    const backend = stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState()),
      [`POST ${JOBS_PATH}`]: created({ jobId: "job-1" }),
      [`GET ${jobPath("job-1")}`]: [
        ok(makeJob({ status: "queued" })),
        ok(makeJob({ metrics: { processed: 40, inserted: 30, updated: 5, unchanged: 3, skipped: 2, elapsed_ms: 2500, last_processed_source_id: 1240 } })),
        ok(makeJob({ metrics: { total_found: 200, processed: 120, inserted: 100, elapsed_ms: 4200, last_processed_source_id: 1320 } })),
        ok(makeJob({ status: "completed", finished_at: "2025-01-01T10:00:09.000Z", metrics: { total_found: 200, processed: 200, inserted: 180, updated: 12, unchanged: 8, elapsed_ms: 9000, last_processed_source_id: 1400 } })),
      ],
    });
    renderDialog();
    await tick();
    fireEvent.click(screen.getByRole("button", { name: "Start Import" }));
    await tick();

    expect(screen.getByText("queued")).toBeInTheDocument();
    expect(processed()).toHaveTextContent("0 / —");

    await tick(1000);
    expect(screen.getByText("running")).toBeInTheDocument();
    expect(processed()).toHaveTextContent("40 / —");
    const counts = within(screen.getByText("Inserted").closest("dl")!);
    expect(counts.getByText("Inserted").nextElementSibling).toHaveTextContent("30");
    expect(counts.getByText("Updated").nextElementSibling).toHaveTextContent("5");
    expect(counts.getByText("Unchanged").nextElementSibling).toHaveTextContent("3");
    expect(counts.getByText("Skipped").nextElementSibling).toHaveTextContent("2");
    expect(counts.getByText("Errors").nextElementSibling).toHaveTextContent("0");
    expect(screen.getByText("2.5 s")).toBeInTheDocument();
    expect(screen.getByText("1240")).toBeInTheDocument();

    await tick(1000);
    expect(processed()).toHaveTextContent("120 / 200");
    expect(screen.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "60");

    await tick(1000);
    expect(screen.getByText("completed")).toBeInTheDocument();
    expect(screen.getByText(/Processed 200 of 200 products in 9\.0 s/)).toBeInTheDocument();

    const polls = backend.callsTo("GET", jobPath("job-1")).length;
    await tick(5000);
    expect(backend.callsTo("GET", jobPath("job-1"))).toHaveLength(polls);
  });

  it("summarises a completed job with its counts and the first errors (SKU and message)", async () => {
    stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState({ active_job: makeJob({ id: "job-2" }) })),
      [`GET ${jobPath("job-2")}`]: ok(
        makeJob({
          id: "job-2",
          status: "completed",
          metrics: { total_found: 3, processed: 3, inserted: 1, skipped: 0, errors_count: 2, elapsed_ms: 1500 },
          errors: [
            { source_id: 7, sku: "TEE-RED-M", message: "Price is not a number" },
            { source_id: 9, sku: "DRESS-01", message: "Missing title" },
          ],
        }),
      ),
    });
    renderDialog();

    expect(await screen.findByText("completed")).toBeInTheDocument();
    expect(screen.getByText("Errors").nextElementSibling).toHaveTextContent("2");
    const errors = screen.getByRole("heading", { name: "Errors (2)" }).nextElementSibling as HTMLElement;
    expect(within(errors).getByText("TEE-RED-M")).toBeInTheDocument();
    expect(within(errors).getByText("Price is not a number")).toBeInTheDocument();
    expect(within(errors).getByText("DRESS-01")).toBeInTheDocument();
    expect(within(errors).getByText("Missing title")).toBeInTheDocument();
    expect(within(footer()).getByRole("button", { name: "Close" })).toBeInTheDocument();
  });

  it("shows the failure message of a failed job", async () => {
    stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState({ active_job: makeJob({ id: "job-3" }) })),
      [`GET ${jobPath("job-3")}`]: ok(makeJob({ id: "job-3", status: "failed", error_message: "Magento database unreachable" })),
    });
    renderDialog();

    expect(await screen.findByText("failed")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Import failed");
    expect(screen.getByRole("alert")).toHaveTextContent("Magento database unreachable");
  });

  it("attaches to the running job when the POST answers 409", async () => {
    stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState()),
      [`POST ${JOBS_PATH}`]: status(409, { message: "Job already running", jobId: "job-other-tab" }),
      [`GET ${jobPath("job-other-tab")}`]: ok(makeJob({ id: "job-other-tab", metrics: { processed: 75, total_found: 300 } })),
    });
    const { user } = renderDialog();
    await user.click(await screen.findByRole("button", { name: "Start Import" }));

    expect(await screen.findByText("75 / 300")).toBeInTheDocument();
    expect(screen.getByText("running")).toBeInTheDocument();
    expect(screen.getByText(/already running/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows the active job's progress directly when opened during a run", async () => {
    const active = makeJob({ id: "job-4", metrics: { processed: 10, total_found: 50 } });
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ active_job: active })), [`GET ${jobPath("job-4")}`]: ok(active) });
    renderDialog();

    expect(await screen.findByText("10 / 50")).toBeInTheDocument();
    expect(screen.queryByLabelText("Batch size")).not.toBeInTheDocument();
  });
});

describe("Import Products dialog: recovery and follow-up", () => {
  it("after three failed polls shows the error with Retry, and Retry resumes polling", async () => {
    vi.useFakeTimers();
    const running = makeJob({ id: "job-5", metrics: { processed: 5, total_found: 20 } });
    stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState({ active_job: running })),
      [`GET ${jobPath("job-5")}`]: [
        ok(running),
        status(503, { message: "Service Unavailable" }),
        status(503, { message: "Service Unavailable" }),
        status(503, { message: "Service Unavailable" }),
        ok(makeJob({ id: "job-5", status: "completed", metrics: { processed: 20, total_found: 20 } })),
      ],
    });
    renderDialog();
    await tick();
    expect(processed()).toHaveTextContent("5 / 20");

    await tick(1000);
    expect(screen.getByText("Connection problem — retrying…")).toBeInTheDocument();
    await tick(2000);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Lost contact with the import job");
    expect(alert).toHaveTextContent("The backend service is unavailable");
    expect(processed()).toHaveTextContent("5 / 20");

    fireEvent.click(within(alert).getByRole("button", { name: "Retry" }));
    await tick();
    expect(screen.getByText("completed")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("offers Import next batch when products remain, with the same batch size", async () => {
    const backend = stubBackend({
      [`GET ${STATE_PATH}`]: [
        ok(makeState({ active_job: makeJob({ id: "job-6" }) })),
        ok(makeState({ remaining: 150, last_successful_source_id: 1500 })),
      ],
      [`GET ${jobPath("job-6")}`]: ok(makeJob({ id: "job-6", status: "completed", params: { mode: "import", limit: 250, resumeFromLast: true, startAfterId: null } })),
      [`POST ${JOBS_PATH}`]: created({ jobId: "job-7" }),
      [`GET ${jobPath("job-7")}`]: ok(makeJob({ id: "job-7", status: "queued" })),
    });
    const { user } = renderDialog();

    await user.click(await screen.findByRole("button", { name: "Import next batch" }));

    expect(await screen.findByText("queued")).toBeInTheDocument();
    expect(backend.callsTo("POST", JOBS_PATH)[0].body).toEqual({ mode: "import", limit: 250, resumeFromLast: true, startAfterId: null });
  });

  it("Close refreshes the product table; Esc leaves a running job running and reopening re-attaches", async () => {
    const active = makeJob({ id: "job-8", metrics: { processed: 1, total_found: 9 } });
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ active_job: active })), [`GET ${jobPath("job-8")}`]: ok(active) });
    const { user, onOpenChange, queryClient } = renderDialog();
    queryClient.setQueryData(["products", "list", { page: 1, pageSize: 25, q: "" }], { items: [], total: 0, page: 1, pageSize: 25 });

    await screen.findByText("1 / 9");
    await user.keyboard("{Escape}");
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("1 / 9")).toBeInTheDocument();

    await user.click(within(footer()).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(queryClient.getQueryState(["products", "list", { page: 1, pageSize: 25, q: "" }])?.isInvalidated).toBe(true);
  });
});
