import { ExternalLink } from "lucide-react";

import { cn } from "@/lib/utils";

import { httpUrl } from "./storefront";

/** The product's page in the shop, in a new tab; nothing when the shop gave no usable http(s) URL. */
export function ViewInShopLink({ url, title, className }: { url: string | null; title: string; className?: string }) {
  const href = httpUrl(url);
  if (!href) return null;
  return (
    <a
      href={href}
      target="_blank"
      // The shop's page gets neither a handle on this tab nor the admin page's address.
      rel="noopener noreferrer"
      className={cn("text-primary inline-flex items-center gap-1 text-sm font-medium whitespace-nowrap underline-offset-4 hover:underline", className)}
      onClick={(event) => event.stopPropagation()}
    >
      View in shop
      <span className="sr-only">: {title} (opens in a new tab)</span>
      <ExternalLink className="size-3.5" aria-hidden />
    </a>
  );
}
