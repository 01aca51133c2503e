import { ImageRole, ProductImage } from '../../domain/product-record';
import { finalPriceUnits } from './final-price';
import type { MagentoMetadata } from './magento-metadata';
import type { ScopedValues } from './page-queries';
import type { GalleryImage, TierPrice } from './shopper-queries';
import type { Storefront } from './storefront';

/** What was read for a page about what the shopper sees, keyed by entity id (swatches by option id). */
export interface ShopperData {
  storefront: Storefront;
  /** Today in the store's timezone, "YYYY-MM-DD". */
  today: string;
  dates: Map<number, Map<number, string | null>>;
  tierPrices: Map<number, TierPrice[]>;
  rulePrices: Map<number, string>;
  gallery: Map<number, GalleryImage[]>;
  urlRewrites: Map<number, string>;
  swatches: Map<number, string>;
}

const ROLES: ImageRole[] = ['image', 'small_image', 'thumbnail', 'swatch_image'];
const NO_IMAGE = 'no_selection';

/** A product's price for a guest today, photos and link, as the store's storefront shows them. */
export class ShopperView {
  /** A configurable asks for its children's prices and photos once for itself and once per colour. */
  private readonly finalPrices = new Map<number, bigint | null>();
  private readonly baseImages = new Map<number, string | null>();

  constructor(
    private readonly meta: MagentoMetadata,
    private readonly values: ScopedValues,
    private readonly data: ShopperData,
  ) {}

  /** In ten-thousandths; null without a regular price. */
  finalPrice(id: number): bigint | null {
    if (this.finalPrices.has(id)) return this.finalPrices.get(id)!;
    const price = finalPriceUnits(this.raw(id, 'price'), {
      specialPrice: this.raw(id, 'special_price'),
      specialFrom: this.date(id, 'special_from_date'),
      specialTo: this.date(id, 'special_to_date'),
      tiers: this.data.tierPrices.get(id) ?? [],
      rulePrice: this.data.rulePrices.get(id) ?? null,
    }, this.data.today);
    this.finalPrices.set(id, price);
    return price;
  }

  /** The gallery's shown images, each with the roles whose value is its file. */
  images(id: number): ProductImage[] {
    const mediaBase = this.data.storefront.mediaBase;
    if (mediaBase === null) return [];
    const roleFiles = ROLES.map((role) => [role, this.roleFile(id, role)] as const);
    return (this.data.gallery.get(id) ?? []).map(({ file, label }) => ({
      url: imageUrl(mediaBase, file),
      label,
      roles: roleFiles.filter(([, roleFile]) => roleFile === file).map(([role]) => role),
    }));
  }

  /** The base image when it is shown, else the first shown image. */
  imageUrl(images: ProductImage[]): string | null {
    return (images.find((image) => image.roles.includes('image')) ?? images[0])?.url ?? null;
  }

  /**
   * The base image's URL when the product has one that is shown (how a child lends its photo): the
   * file its base image role names, when that file is among its shown images. Looked up directly: a
   * configurable asks it of its children, whose other images are never imported.
   */
  baseImageUrl(id: number): string | null {
    if (!this.baseImages.has(id)) {
      const mediaBase = this.data.storefront.mediaBase;
      const file = this.roleFile(id, 'image');
      const shown = mediaBase !== null && file !== null && (this.data.gallery.get(id) ?? []).some((image) => image.file === file);
      this.baseImages.set(id, shown ? imageUrl(mediaBase, file) : null);
    }
    return this.baseImages.get(id)!;
  }

  /** The store's rewrite of the product page, else its URL key with the suffix, else the plain product route. */
  productUrl(id: number, urlKey: string | null): string | null {
    const linkBase = this.data.storefront.linkBase;
    if (linkBase === null) return null;
    const rewrite = this.data.urlRewrites.get(id);
    if (rewrite) return linkBase + rewrite;
    if (urlKey) return linkBase + urlKey + this.data.storefront.productUrlSuffix;
    return `${linkBase}catalog/product/view/id/${id}`;
  }

  swatch(optionId: number): string | null {
    return this.data.swatches.get(optionId) ?? null;
  }

  private roleFile(id: number, role: ImageRole): string | null {
    return roleFile(this.meta, this.values, id, role);
  }

  private date(id: number, code: string): string | null {
    const attribute = this.meta.byCode.get(code);
    return attribute ? (this.data.dates.get(id)?.get(attribute.id) ?? null) : null;
  }

  private raw(id: number, code: string): string | null {
    const attribute = this.meta.byCode.get(code);
    return attribute ? (this.values.get(id)?.get(attribute.id) ?? null) : null;
  }
}

/** The file a product names for an image role (its base image, its thumbnail…); null for none. */
export function roleFile(meta: MagentoMetadata, values: ScopedValues, id: number, role: ImageRole): string | null {
  const attribute = meta.byCode.get(role);
  const file = attribute ? values.get(id)?.get(attribute.id)?.trim() : undefined;
  return file && file !== NO_IMAGE ? file : null;
}

/** Media base + catalog/product + the file, which Magento stores as "/m/b/mb01-blue-0.jpg". */
function imageUrl(mediaBase: string, file: string): string {
  return `${mediaBase}catalog/product${file.startsWith('/') ? '' : '/'}${file}`;
}
