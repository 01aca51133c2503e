import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { JOBS_PATH, STATE_PATH, created, jobPath, makeJob, makeState, networkDown, ok, status, stubBackend } from "@/test/fake-backend";
import { renderDialog } from "@/test/render-dialog";

const startButton = () => screen.getByRole("button", { name: "Start Import" });

describe("Import Products form", () => {
  it("opens with the documented defaults and shows what the state endpoint knows", async () => {
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ last_successful_source_id: 1200, remaining: 250 })) });
    renderDialog();

    expect(await screen.findByLabelText("Batch size")).toHaveValue(100);
    expect(screen.getByRole("dialog", { name: "Import Products" })).toBeInTheDocument();
    expect(screen.getByLabelText("Resume from last ID")).toBeChecked();
    expect(screen.getByLabelText("Start After ID")).toBeDisabled();
    expect(screen.getByText(/Only products on sale in the store are imported/)).toBeInTheDocument();
    expect(screen.getByText("Last imported source ID").nextElementSibling).toHaveTextContent("1200");
    expect(screen.getByText("On sale, not yet imported").nextElementSibling).toHaveTextContent("250");
    expect(startButton()).toBeEnabled();
  });

  it('shows "—" as the last imported source ID before the first import', async () => {
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ last_successful_source_id: 0, imported: 0 })) });
    renderDialog();

    expect(await screen.findByText("Last imported source ID")).toBeInTheDocument();
    expect(screen.getByText("Last imported source ID").nextElementSibling).toHaveTextContent(/^—$/);
  });

  it("labels an estimated remaining count with its age, and shows the exact count once the backend has it", async () => {
    const countedAt = new Date(Date.now() - 40_000).toISOString();
    const backend = stubBackend({
      [`GET ${STATE_PATH}`]: [
        ok(makeState({ remaining: 56_300, remaining_estimated: true, remaining_counted_at: countedAt })),
        ok(makeState({ remaining: 56_288, remaining_estimated: false })),
      ],
    });
    renderDialog();
    const remaining = () => screen.getByText("On sale, not yet imported").nextElementSibling;

    expect(await screen.findByText("about 56,300 (counted 40 s ago)")).toBeInTheDocument();
    expect(await screen.findByText("56,288", {}, { timeout: 4_000 })).toBe(remaining());
    expect(backend.calls.filter((call) => call.url.endsWith("/state"))).toHaveLength(2);
  });

  it("shows the remaining count as being counted while a backend that just started has none, and asks again until it has it", async () => {
    const backend = stubBackend({
      [`GET ${STATE_PATH}`]: [
        ok(makeState({ remaining: null, remaining_counting: true, remaining_counted_at: null })),
        ok(makeState({ remaining: 48_012, remaining_estimated: false })),
      ],
    });
    renderDialog();
    const remaining = () => screen.getByText("On sale, not yet imported").nextElementSibling;

    expect(await screen.findByText("— (counting…)")).toBe(remaining());
    expect(startButton()).toBeEnabled();
    expect(await screen.findByText("48,012", {}, { timeout: 4_000 })).toBe(remaining());
    expect(backend.calls.filter((call) => call.url.endsWith("/state"))).toHaveLength(2);
  });

  it.each([
    ["0", "Batch size must be between 1 and 1000."],
    ["1001", "Batch size must be between 1 and 1000."],
    ["1.5", "Batch size must be a whole number."],
    ["", "Batch size is required."],
  ])("rejects a batch size of %j with a message and a disabled Start button", async (input, message) => {
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState()) });
    const { user } = renderDialog();
    const batchSize = await screen.findByLabelText("Batch size");

    await user.clear(batchSize);
    if (input) await user.type(batchSize, input);

    expect(screen.getByText(message)).toBeInTheDocument();
    expect(batchSize).toHaveAttribute("aria-invalid", "true");
    expect(startButton()).toBeDisabled();

    await user.clear(batchSize);
    await user.type(batchSize, "1000");
    expect(screen.queryByText(message)).not.toBeInTheDocument();
    expect(startButton()).toBeEnabled();
  });

  it("turning resume off enables Start After ID, makes it required, and sends it", async () => {
    const backend = stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState()),
      [`POST ${JOBS_PATH}`]: created({ jobId: "job-7" }),
      [`GET ${jobPath("job-7")}`]: ok(makeJob({ id: "job-7", status: "queued" })),
    });
    const { user } = renderDialog();
    const startAfter = await screen.findByLabelText("Start After ID");

    await user.click(screen.getByLabelText("Resume from last ID"));

    expect(screen.getByLabelText("Resume from last ID")).not.toBeChecked();
    expect(startAfter).toBeEnabled();
    expect(startAfter).toBeRequired();
    expect(screen.getByText("Start After ID is required when not resuming from the last ID.")).toBeInTheDocument();
    expect(startButton()).toBeDisabled();

    await user.type(startAfter, "-3");
    expect(screen.getByText("Start After ID must be 0 or greater.")).toBeInTheDocument();
    await user.clear(startAfter);
    await user.type(startAfter, "500");
    await user.click(startButton());

    expect(await screen.findByText("queued")).toBeInTheDocument();
    expect(backend.callsTo("POST", JOBS_PATH)[0].body).toEqual({ mode: "import", limit: 100, resumeFromLast: false, startAfterId: 500 });
  });

  it("shows the API's 400 messages and re-enables the form", async () => {
    stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState()),
      [`POST ${JOBS_PATH}`]: status(400, {
        statusCode: 400,
        message: ["limit must not be greater than 1000", "startAfterId must be an integer number"],
        error: "Bad Request",
      }),
    });
    const { user } = renderDialog();
    await user.click(await screen.findByRole("button", { name: "Start Import" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not start the import");
    expect(within(alert).getByText("limit must not be greater than 1000")).toBeInTheDocument();
    expect(within(alert).getByText("startAfterId must be an integer number")).toBeInTheDocument();
    expect(startButton()).toBeEnabled();
    expect(screen.getByLabelText("Batch size")).toBeEnabled();
  });

  it("shows a clear alert when the network is down, without losing the form", async () => {
    stubBackend({ [`GET ${STATE_PATH}`]: networkDown(), [`POST ${JOBS_PATH}`]: networkDown() });
    const { user } = renderDialog();

    const stateAlert = await screen.findByRole("alert");
    expect(stateAlert).toHaveTextContent("Could not load the import status");
    expect(stateAlert).toHaveTextContent("Could not reach the server");
    expect(within(stateAlert).getByRole("button", { name: "Retry" })).toBeInTheDocument();

    await user.click(startButton());
    const alerts = await screen.findAllByRole("alert");
    expect(alerts.map((a) => a.textContent)).toContainEqual(expect.stringContaining("Could not start the import"));
    expect(startButton()).toBeEnabled();
  });

  it("shows the shop's problems above the form and keeps Start Import and Refresh disabled while there is one", async () => {
    const problem = "MAGENTO_STORE_ID 7 is not a store view of this shop; its store views are 1 \"default\": set MAGENTO_STORE_ID to one of them.";
    stubBackend({
      [`GET ${STATE_PATH}`]: ok(makeState({ remaining: null, remaining_counted_at: null, shop: { problems: [problem], hints: [], checked_at: new Date().toISOString() } })),
    });
    renderDialog();

    const problems = await screen.findByTestId("shop-problems");
    expect(problems).toHaveTextContent("The shop cannot be imported from as configured");
    expect(problems).toHaveTextContent(problem);
    expect(startButton()).toBeDisabled();
    expect(screen.getByRole("button", { name: "Refresh imported products" })).toBeDisabled();
    expect(screen.getByText("On sale, not yet imported").nextElementSibling).toHaveTextContent("—");
    expect(screen.queryByText(/backend service is unavailable/)).not.toBeInTheDocument();
  });

  it("shows a hint about the shop without disabling Start Import", async () => {
    const hint = "The user in MYSQL_SHOP_URL can write to the shop database (INSERT, UPDATE); the importer only reads: grant SELECT only.";
    stubBackend({ [`GET ${STATE_PATH}`]: ok(makeState({ shop: { problems: [], hints: [hint], checked_at: new Date().toISOString() } })) });
    renderDialog();

    expect(await screen.findByTestId("shop-hints")).toHaveTextContent(hint);
    expect(screen.queryByTestId("shop-problems")).not.toBeInTheDocument();
    expect(startButton()).toBeEnabled();
  });

  it("says what the backend named as unavailable when it answered 503, not that the backend is", async () => {
    stubBackend({ [`GET ${STATE_PATH}`]: status(503, { statusCode: 503, message: "Lookbook database unavailable: connection refused" }) });
    renderDialog();

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Lookbook database unavailable: connection refused. Try again in a moment.");
    expect(alert).not.toHaveTextContent("backend service");
  });

  it("says the backend is unavailable when the Next server answers 502", async () => {
    stubBackend({ [`GET ${STATE_PATH}`]: status(502, { message: "Backend unavailable" }) });
    renderDialog();
    expect(await screen.findByRole("alert")).toHaveTextContent("The backend service is unavailable");
  });
});
