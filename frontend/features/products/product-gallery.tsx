import { ProductImage } from "./product-image";
import type { ImageRole, ProductImageEntry } from "./storefront-types";

const GALLERY_IMAGE_SIZE = 144;

const ROLE_NAMES: Record<ImageRole, string> = {
  image: "Base image",
  small_image: "Small image",
  thumbnail: "Thumbnail",
  swatch_image: "Swatch",
};

/** The product's own gallery in the shop's order, each photo with its label and the roles it has. */
export function ProductGallery({ images, title }: { images: ProductImageEntry[]; title: string }) {
  if (images.length === 0) return <p className="text-muted-foreground text-sm">The shop has no photos of this product.</p>;
  return (
    <ul aria-label="Photos" className="flex flex-wrap gap-3">
      {images.map((image, index) => (
        <li key={`${index}:${image.url}`}>
          <figure className="grid gap-1" style={{ width: GALLERY_IMAGE_SIZE }}>
            {/* The caption shows the label too: the alt names the product, so it does not just repeat it. */}
            <ProductImage url={image.url} alt={image.label?.trim() ? `${title}, ${image.label.trim()}` : title} size={GALLERY_IMAGE_SIZE} />
            <figcaption className="text-muted-foreground text-xs break-words">
              {image.label && <span className="text-foreground block">{image.label}</span>}
              {image.roles.map((role) => ROLE_NAMES[role] ?? role).join(", ")}
            </figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}
