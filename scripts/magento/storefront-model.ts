/**
 * What a product shows in the storefront beyond its EAV values, as the generator plans it: the
 * media gallery with its per-store values, tier prices, catalog rule prices and URL rewrites.
 * product-rows.ts writes these rows; storefront-oracle.ts computes the expected import from them.
 */

/** One store's row of a gallery entry (catalog_product_entity_media_gallery_value). */
export interface GalleryValue {
  storeId: number;
  label: string | null;
  /** null: no position (sorts last). */
  position: number | null;
  /** NOT NULL in Magento: a store row always says whether the entry is hidden there. */
  disabled: 0 | 1;
}

/** One gallery entry (catalog_product_entity_media_gallery) and its store rows. */
export interface GalleryEntry {
  valueId: number;
  /** A media path like /m/b/mb01-blue-0.jpg. */
  file: string;
  mediaType: 'image' | 'external-video';
  /** The entry's own flag (rarely set by Magento, honoured all the same). */
  disabled: 0 | 1;
  values: GalleryValue[];
}

export interface TierPrice {
  allGroups: 0 | 1;
  customerGroupId: number;
  qty: number;
  value: number;
  /** 0 = every website. */
  websiteId: number;
  /** Percent off the regular price; value is then 0. */
  percentageValue: number | null;
}

export interface RulePrice {
  /** 'YYYY-MM-DD', the rule index's date in the website's timezone. */
  ruleDate: string;
  customerGroupId: number;
  websiteId: number;
  price: number;
}

export interface UrlRewrite {
  urlRewriteId: number;
  storeId: number;
  requestPath: string;
  targetPath: string;
  redirectType: 0 | 301 | 302;
  /** '{"category_id":"12"}' for a path under a category, else null. */
  metadata: string | null;
}

export interface ProductStorefront {
  /** The media_gallery attribute's id, which every gallery row carries. */
  galleryAttributeId: number;
  gallery: GalleryEntry[];
  tierPrices: TierPrice[];
  rulePrices: RulePrice[];
  urlRewrites: UrlRewrite[];
}

/** The Magento customer group of a guest (NOT LOGGED IN), and another one (General). */
export const GUEST_GROUP = 0;
export const GENERAL_GROUP = 1;
