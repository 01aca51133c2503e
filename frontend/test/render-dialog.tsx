import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { ImportProductsDialog } from "@/features/product-import/import-products-dialog";

function ControlledDialog({ initiallyOpen, onOpenChange }: { initiallyOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Refresh
      </button>
      <ImportProductsDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          onOpenChange(next);
        }}
      />
    </>
  );
}

export function renderDialog({ open = true } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
  const onOpenChange = vi.fn();
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={queryClient}>
      <ControlledDialog initiallyOpen={open} onOpenChange={onOpenChange} />
    </QueryClientProvider>,
  );
  return { user, onOpenChange, queryClient };
}
