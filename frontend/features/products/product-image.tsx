"use client";

import { useState } from "react";
import { ImageOff } from "lucide-react";

import { cn } from "@/lib/utils";

import { httpUrl } from "./storefront";

interface ProductImageProps {
  /** The shop's image URL; only an absolute http(s) one is loaded. */
  url: string | null;
  alt: string;
  /** Width and height in CSS pixels: the box never changes size, loaded or not. */
  size: number;
  className?: string;
}

/**
 * A product photo in a fixed square, loaded lazily. A missing, unsafe or broken image shows a neutral
 * placeholder of the same size, so a row never jumps and no broken-image icon appears.
 */
export function ProductImage({ url, alt, size, className }: ProductImageProps) {
  const src = httpUrl(url);
  // Remembered per URL, so a product that gets a new photo tries again.
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const box = cn("shrink-0 rounded-md border", className);

  if (!src || failedSrc === src) {
    return (
      <span role="img" aria-label={`${alt}: no photo`} data-slot="image-placeholder" className={cn(box, "bg-muted text-muted-foreground flex items-center justify-center")} style={{ width: size, height: size }}>
        <ImageOff className="size-4" aria-hidden />
      </span>
    );
  }
  return (
    <img
      src={src}
      alt={alt}
      width={size}
      height={size}
      loading="lazy"
      decoding="async"
      // The admin page's address is nobody's business at the shop or its CDN.
      referrerPolicy="no-referrer"
      onError={() => setFailedSrc(src)}
      className={cn(box, "bg-muted object-cover")}
      style={{ width: size, height: size }}
    />
  );
}
