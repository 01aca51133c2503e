"use client";

import { Search } from "lucide-react";

import { Input } from "@/components/ui/input";

interface ProductsSearchProps {
  value: string;
  onChange: (value: string) => void;
}

export function ProductsSearch({ value, onChange }: ProductsSearchProps) {
  return (
    <div className="relative w-full sm:max-w-xs">
      <Search className="text-muted-foreground pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2" aria-hidden />
      <Input
        type="search"
        aria-label="Search products"
        placeholder="Search by SKU or title…"
        // The products endpoint refuses longer searches.
        maxLength={100}
        className="pl-8"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
