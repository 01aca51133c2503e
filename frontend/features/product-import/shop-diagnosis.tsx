import { AlertCircle, Info } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

import type { ImportState } from "./types";

/**
 * What the backend's look at the shop found, above the form: problems (no import or refresh can
 * run until they are fixed) and hints (advice; imports run). Each is a sentence with its fix.
 */
export function ShopDiagnosis({ shop }: { shop: ImportState["shop"] | undefined }) {
  if (!shop || (shop.problems.length === 0 && shop.hints.length === 0)) return null;
  return (
    <div className="grid gap-3">
      {shop.problems.length > 0 && (
        <Alert variant="destructive" data-testid="shop-problems">
          <AlertCircle />
          <AlertTitle>The shop cannot be imported from as configured</AlertTitle>
          <AlertDescription>
            <Sentences items={shop.problems} />
          </AlertDescription>
        </Alert>
      )}
      {shop.hints.length > 0 && (
        <Alert data-testid="shop-hints">
          <Info />
          <AlertTitle>{shop.hints.length === 1 ? "Hint" : "Hints"} about the shop connection</AlertTitle>
          <AlertDescription>
            <Sentences items={shop.hints} />
          </AlertDescription>
        </Alert>
      )}
    </div>
  );
}

function Sentences({ items }: { items: string[] }) {
  if (items.length === 1) return <p>{items[0]}</p>;
  return (
    <ul className="list-disc pl-4">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** True while the shop has a problem: nothing that reads it can run. */
export function shopBlocksJobs(state: ImportState | undefined): boolean {
  return (state?.shop.problems.length ?? 0) > 0;
}
