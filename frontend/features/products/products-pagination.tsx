"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";

import { Button } from "@/components/ui/button";

interface ProductsPaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
}

const numberFormat = new Intl.NumberFormat("en-US");

export function ProductsPagination({ page, pageSize, total, onPageChange }: ProductsPaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <nav aria-label="Products pagination" className="flex items-center justify-between gap-4 text-sm">
      <p className="text-muted-foreground">
        Showing {numberFormat.format(first)}–{numberFormat.format(last)} of {numberFormat.format(total)}
      </p>
      <div className="flex items-center gap-2">
        <span className="text-muted-foreground">
          Page {page} of {pageCount}
        </span>
        <Button variant="outline" size="icon-sm" aria-label="Previous page" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          <ChevronLeft />
        </Button>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label="Next page"
          disabled={page >= pageCount}
          onClick={() => onPageChange(page + 1)}
        >
          <ChevronRight />
        </Button>
      </div>
    </nav>
  );
}
