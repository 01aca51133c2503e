import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { networkDown, status, stubBackend } from "@/test/fake-backend";

import { ProductsAdmin } from "./products-admin";

function renderPage() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } })}>
      <ProductsAdmin />
    </QueryClientProvider>,
  );
}

async function productsAlert() {
  const alert = await screen.findByRole("alert");
  expect(alert).toHaveTextContent("Could not load products");
  return alert;
}

describe("Products page errors", () => {
  it("says it could not reach the server only when the network failed, and offers Retry", async () => {
    stubBackend({ "GET /api/admin/products": networkDown() });
    renderPage();

    const alert = await productsAlert();
    expect(alert).toHaveTextContent("Could not reach the server");
    expect(within(alert).getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it("names the browser's reason when it refuses to send the request (a page opened with credentials in its URL)", async () => {
    const refusal = "Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials: /api/admin/products";
    const backend = stubBackend({ "GET /api/admin/products": new TypeError(refusal) });
    renderPage();

    const alert = await productsAlert();
    expect(alert).toHaveTextContent(`The browser did not send the request: ${refusal}. Open the page without a user name and password in its address.`);
    expect(alert).not.toHaveTextContent("Could not reach");
    expect(within(alert).queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
    expect(backend.calls).toHaveLength(1); // not retried: it would fail the same way
  });

  it("says the server failed, with its status, when it answers 500", async () => {
    stubBackend({ "GET /api/admin/products": status(500, { statusCode: 500, message: "Internal server error", errorId: "e1" }) });
    renderPage();

    const alert = await productsAlert();
    expect(alert).toHaveTextContent("The server failed to handle the request (HTTP 500).");
    expect(alert).not.toHaveTextContent("Could not reach");
  });

  it("says the answer was not JSON when something in between answers with a page", async () => {
    vi.stubGlobal("fetch", async () => ({ ok: true, status: 200, text: async () => "<html>Sign in to the proxy</html>" }) as Response);
    renderPage();

    const alert = await productsAlert();
    expect(alert).toHaveTextContent("The server's answer was not the expected JSON (HTTP 200).");
    expect(alert).not.toHaveTextContent("Could not reach");
  });
});
