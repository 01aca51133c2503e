/**
 * The attributes and options a fashion shop built on Magento 2 has, as plain data.
 * metadata.ts writes them; nothing here knows about SQL.
 */
export type BackendType = 'static' | 'int' | 'varchar' | 'decimal' | 'text' | 'datetime';
export type FrontendInput = 'text' | 'textarea' | 'price' | 'select' | 'multiselect' | 'boolean' | 'media_image' | 'gallery' | 'date';
/** Magento's catalog_eav_attribute.is_global: 0 store view, 1 global, 2 website. */
export type AttributeScope = 0 | 1 | 2;

export interface OptionDefinition {
  label: string;
  sortOrder: number;
  /** The German label, written for the translation store (MetadataOptions.translationStoreId). */
  storeLabel?: string;
}

export interface AttributeDefinition {
  code: string;
  label: string;
  /** 'multiselect' means "whichever of varchar/text the shop's Magento version uses". */
  backendType: BackendType | 'multiselect';
  input: FrontendInput;
  scope: AttributeScope;
  userDefined: boolean;
  filterable?: boolean;
  sourceModel?: string;
  backendModel?: string;
  options?: OptionDefinition[];
}

const inOrder = (labels: string[], storeLabels: Record<string, string> = {}): OptionDefinition[] =>
  labels.map((label, index) => ({ label, sortOrder: index + 1, storeLabel: storeLabels[label] }));

// Colors keep Magento's default sort_order 0: shops rarely sort them, so readers must cope.
const COLORS = ['Black', 'White', 'Gray', 'Navy', 'Blue', 'Red', 'Green', 'Olive', 'Beige', 'Brown', 'Pink', 'Purple', 'Yellow', 'Orange'];
const COLOR_STORE_LABELS: Record<string, string> = { Black: 'Schwarz', White: 'Weiß', Gray: 'Grau', Blue: 'Blau', Red: 'Rot', Green: 'Grün' };

/**
 * Sizes are inserted out of display order on purpose, so option_id order differs from
 * sort_order (XS..XXL is 1..6, waist sizes 7..14, One Size last).
 */
const SIZES: OptionDefinition[] = [
  { label: 'M', sortOrder: 3 },
  { label: 'XL', sortOrder: 5 },
  { label: 'XS', sortOrder: 1 },
  { label: 'XXL', sortOrder: 6 },
  { label: 'S', sortOrder: 2 },
  { label: 'L', sortOrder: 4 },
  { label: '32', sortOrder: 10 },
  { label: '28', sortOrder: 7 },
  { label: '36', sortOrder: 14 },
  { label: '30', sortOrder: 9 },
  { label: '34', sortOrder: 12 },
  { label: '29', sortOrder: 8 },
  { label: '33', sortOrder: 11 },
  { label: '35', sortOrder: 13 },
  { label: 'One Size', sortOrder: 15, storeLabel: 'Einheitsgröße' },
];

export const LETTER_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
export const WAIST_SIZES = ['28', '29', '30', '32', '33', '34', '35', '36'];
export const COLOR_LABELS = COLORS;

const SELECT_SOURCE = 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Table';
const ARRAY_BACKEND = 'Magento\\Eav\\Model\\Entity\\Attribute\\Backend\\ArrayBackend';

export const PRODUCT_ATTRIBUTES: AttributeDefinition[] = [
  { code: 'name', label: 'Product Name', backendType: 'varchar', input: 'text', scope: 0, userDefined: false },
  { code: 'sku', label: 'SKU', backendType: 'static', input: 'text', scope: 1, userDefined: false, backendModel: 'Magento\\Catalog\\Model\\Product\\Attribute\\Backend\\Sku' },
  { code: 'description', label: 'Description', backendType: 'text', input: 'textarea', scope: 0, userDefined: false },
  { code: 'price', label: 'Price', backendType: 'decimal', input: 'price', scope: 2, userDefined: false, backendModel: 'Magento\\Catalog\\Model\\Product\\Attribute\\Backend\\Price' },
  { code: 'image', label: 'Base', backendType: 'varchar', input: 'media_image', scope: 0, userDefined: false },
  { code: 'small_image', label: 'Small', backendType: 'varchar', input: 'media_image', scope: 0, userDefined: false },
  { code: 'thumbnail', label: 'Thumbnail', backendType: 'varchar', input: 'media_image', scope: 0, userDefined: false },
  { code: 'status', label: 'Enable Product', backendType: 'int', input: 'select', scope: 2, userDefined: false, sourceModel: 'Magento\\Catalog\\Model\\Product\\Attribute\\Source\\Status' },
  { code: 'visibility', label: 'Visibility', backendType: 'int', input: 'select', scope: 2, userDefined: false, sourceModel: 'Magento\\Catalog\\Model\\Product\\Visibility' },
  { code: 'url_key', label: 'URL Key', backendType: 'varchar', input: 'text', scope: 0, userDefined: false },
  { code: 'color', label: 'Color', backendType: 'int', input: 'select', scope: 1, userDefined: true, filterable: true, sourceModel: SELECT_SOURCE, options: COLORS.map((label) => ({ label, sortOrder: 0, storeLabel: COLOR_STORE_LABELS[label] })) },
  { code: 'size', label: 'Size', backendType: 'int', input: 'select', scope: 1, userDefined: true, filterable: true, sourceModel: SELECT_SOURCE, options: SIZES },
  { code: 'gender', label: 'Gender', backendType: 'int', input: 'select', scope: 1, userDefined: true, filterable: true, sourceModel: SELECT_SOURCE, options: inOrder(['Men', 'Women', 'Unisex', 'Kids'], { Men: 'Herren', Women: 'Damen' }) },
  { code: 'material', label: 'Material', backendType: 'multiselect', input: 'multiselect', scope: 1, userDefined: true, filterable: true, backendModel: ARRAY_BACKEND, sourceModel: SELECT_SOURCE, options: inOrder(['Cotton', 'Organic Cotton', 'Polyester', 'Recycled Polyester', 'Wool', 'Merino Wool', 'Linen', 'Silk', 'Denim', 'Leather', 'Fleece', 'Nylon', 'Cashmere', 'Elastane', 'Viscose', 'Cocona&reg; Performance Fabric'], { Cotton: 'Baumwolle', Wool: 'Wolle', Linen: 'Leinen', Silk: 'Seide', Leather: 'Leder' }) },
  { code: 'pattern', label: 'Pattern', backendType: 'multiselect', input: 'multiselect', scope: 1, userDefined: true, filterable: true, backendModel: ARRAY_BACKEND, sourceModel: SELECT_SOURCE, options: inOrder(['Solid', 'Striped', 'Checked', 'Floral', 'Graphic Print', 'Color-Blocked', 'Camouflage', 'Polka Dot', 'Herringbone', 'Paisley'], { Solid: 'Uni', Striped: 'Gestreift', Checked: 'Kariert' }) },
  { code: 'climate', label: 'Climate', backendType: 'multiselect', input: 'multiselect', scope: 1, userDefined: true, filterable: true, backendModel: ARRAY_BACKEND, sourceModel: SELECT_SOURCE, options: inOrder(['All-Weather', 'Cold', 'Cool', 'Indoor', 'Mild', 'Rainy', 'Warm', 'Windy', 'Hot', 'Spring &amp; Fall']) },
  { code: 'eco_collection', label: 'Eco Collection', backendType: 'int', input: 'boolean', scope: 1, userDefined: true, filterable: true, sourceModel: 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean' },
  // What the storefront shows: the gallery (its rows live in the media gallery tables, hence static),
  // the swatch role, and the sale price with its window. Appended, so earlier attribute ids stay put.
  { code: 'media_gallery', label: 'Media Gallery', backendType: 'static', input: 'gallery', scope: 0, userDefined: false },
  { code: 'swatch_image', label: 'Swatch', backendType: 'varchar', input: 'media_image', scope: 0, userDefined: false },
  { code: 'special_price', label: 'Special Price', backendType: 'decimal', input: 'price', scope: 2, userDefined: false, backendModel: 'Magento\\Catalog\\Model\\Product\\Attribute\\Backend\\Price' },
  { code: 'special_from_date', label: 'Special Price From Date', backendType: 'datetime', input: 'date', scope: 2, userDefined: false, backendModel: 'Magento\\Catalog\\Model\\Attribute\\Backend\\Startdate' },
  { code: 'special_to_date', label: 'Special Price To Date', backendType: 'datetime', input: 'date', scope: 2, userDefined: false, backendModel: 'Magento\\Eav\\Model\\Entity\\Attribute\\Backend\\Datetime' },
];

/** Store-defined attributes a given shop may not have at all. */
export const SEASON_AND_OCCASION: AttributeDefinition[] = [
  { code: 'season', label: 'Season', backendType: 'int', input: 'select', scope: 1, userDefined: true, filterable: true, sourceModel: SELECT_SOURCE, options: inOrder(['Spring', 'Summer', 'Autumn', 'Winter', 'All Season'], { Autumn: 'Herbst', Winter: 'Winter', Summer: 'Sommer' }) },
  { code: 'occasion', label: 'Occasion', backendType: 'int', input: 'select', scope: 1, userDefined: true, filterable: true, sourceModel: SELECT_SOURCE, options: inOrder(['Casual', 'Work', 'Formal', 'Sport', 'Outdoor', 'Party', 'Lounge']) },
];

export const CATEGORY_ATTRIBUTES: AttributeDefinition[] = [
  { code: 'name', label: 'Name', backendType: 'varchar', input: 'text', scope: 0, userDefined: false },
];

const BOOLEAN_SOURCE = 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean';
const multiselect = (code: string, label: string, options: string[]): AttributeDefinition => ({
  code, label, backendType: 'multiselect', input: 'multiselect', scope: 1, userDefined: true, filterable: true, backendModel: ARRAY_BACKEND, sourceModel: SELECT_SOURCE, options: inOrder(options),
});
const select = (code: string, label: string, options: string[]): AttributeDefinition => ({
  code, label, backendType: 'int', input: 'select', scope: 1, userDefined: true, filterable: true, sourceModel: SELECT_SOURCE, options: inOrder(options),
});
const yesNo = (code: string, label: string): AttributeDefinition => ({
  code, label, backendType: 'int', input: 'boolean', scope: 1, userDefined: true, filterable: true, sourceModel: BOOLEAN_SOURCE,
});

/**
 * The extra attribute load of Magento's Luma sample store (--rich-attributes): several multiselects
 * with many options, selects and Yes/No flags, on top of the attributes every generated shop has.
 */
export const RICH_ATTRIBUTES: AttributeDefinition[] = [
  multiselect('activity', 'Activity', ['Yoga', 'Running', 'Gym', 'Hiking', 'Cycling', 'Travel', 'Lounge', 'Outdoor', 'Recreation', 'Trail', 'Urban', 'School', 'Overnight', 'Beach / Pool', 'Workout', 'Sports']),
  multiselect('style_general', 'Style', ['Insulated', 'Jacket', 'Lightweight', 'Hooded', 'Heavy Duty', 'Rain Coat', 'Hard Shell', 'Soft Shell', 'Windbreaker', '&frac14; Zip', 'Full Zip', 'Reversible', 'Pullover', 'Base Layer', 'Capri', 'Sweatpants']),
  multiselect('features', 'Features', ['Audio Pocket', 'Waterproof', 'Lightweight', 'Reflectivity', 'Laptop Sleeve', 'Lockable', 'Wireless', 'Adjustable Straps', 'Flexible', 'Pockets', 'Hydration Compatible', 'Breathable', 'Quick Dry', 'UV Protection']),
  multiselect('care', 'Care', ['Machine Wash', 'Hand Wash', 'Tumble Dry Low', 'Do Not Bleach', 'Dry Clean Only', 'Iron Low']),
  select('sleeve', 'Sleeve', ['Short-Sleeve', 'Long-Sleeve', 'Sleeveless', '3/4 Sleeve', 'Cap Sleeve']),
  select('collar', 'Collar', ['Crew', 'V-neck', 'Hooded', 'Scoop', 'High Collar', 'Polo', 'Henley']),
  select('fit', 'Fit', ['Slim', 'Regular', 'Relaxed', 'Oversized', 'Athletic']),
  select('made_in', 'Made In', ['Portugal', 'Italy', 'Turkey', 'Vietnam', 'Bangladesh', 'Germany', 'Romania']),
  yesNo('sale', 'Sale'),
  yesNo('new', 'New'),
  yesNo('performance_fabric', 'Performance Fabric'),
  yesNo('erin_recommends', 'Erin Recommends'),
];
