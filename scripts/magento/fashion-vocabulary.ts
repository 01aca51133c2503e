/** Words the catalog generator builds a fashion shop from. Plain data, no logic. */

export type SizeScale = 'letter' | 'waist' | 'one';

export interface Garment {
  noun: string;
  /** The noun on the German store view (the translation store). */
  storeNoun: string;
  /** Category path below "Default Category". */
  category: string[];
  gender: 'Men' | 'Women' | 'Unisex';
  sizes: SizeScale;
  price: [min: number, max: number];
  skuPrefix: string;
  materials: string[];
}

const apparel = (gender: 'Men' | 'Women', group: string, leaf: string, noun: string, storeNoun: string, skuPrefix: string, sizes: SizeScale, price: [number, number], materials: string[]): Garment => ({
  noun, storeNoun, category: [gender, group, leaf].filter(Boolean), gender, sizes, price, skuPrefix, materials,
});

/** Apparel sold as configurable styles whose children vary on size and color. */
export const STYLE_GARMENTS: Garment[] = [
  apparel('Men', 'Tops', 'Jackets', 'Jacket', 'Jacke', 'MJ', 'letter', [60, 180], ['Nylon', 'Polyester', 'Recycled Polyester', 'Wool']),
  apparel('Men', 'Tops', 'Hoodies & Sweatshirts', 'Hoodie', 'Kapuzenpulli', 'MH', 'letter', [45, 90], ['Cotton', 'Fleece', 'Organic Cotton', 'Polyester']),
  apparel('Men', 'Tops', 'Hoodies & Sweatshirts', 'Sweatshirt', 'Sweatshirt', 'MS', 'letter', [40, 80], ['Cotton', 'Fleece', 'Merino Wool']),
  apparel('Men', 'Tops', 'Tees', 'Tee', 'T-Shirt', 'MT', 'letter', [18, 40], ['Cotton', 'Organic Cotton', 'Polyester', 'Linen']),
  apparel('Men', 'Tops', 'Tanks', 'Tank', 'Tanktop', 'MK', 'letter', [15, 35], ['Cotton', 'Polyester', 'Elastane']),
  apparel('Men', 'Tops', 'Shirts', 'Shirt', 'Hemd', 'MR', 'letter', [35, 90], ['Cotton', 'Linen', 'Silk', 'Viscose']),
  apparel('Men', 'Bottoms', 'Pants', 'Pants', 'Hose', 'MP', 'waist', [45, 110], ['Cotton', 'Wool', 'Polyester', 'Elastane']),
  apparel('Men', 'Bottoms', 'Jeans', 'Jeans', 'Jeans', 'MD', 'waist', [60, 140], ['Denim', 'Cotton', 'Elastane']),
  apparel('Men', 'Bottoms', 'Shorts', 'Shorts', 'Shorts', 'MO', 'waist', [25, 60], ['Cotton', 'Nylon', 'Linen']),
  apparel('Women', 'Tops', 'Jackets', 'Jacket', 'Jacke', 'WJ', 'letter', [60, 190], ['Nylon', 'Wool', 'Leather', 'Recycled Polyester']),
  apparel('Women', 'Tops', 'Hoodies & Sweatshirts', 'Hoodie', 'Kapuzenpulli', 'WH', 'letter', [45, 90], ['Cotton', 'Fleece', 'Organic Cotton']),
  apparel('Women', 'Tops', 'Tees', 'Tee', 'T-Shirt', 'WT', 'letter', [18, 45], ['Cotton', 'Organic Cotton', 'Viscose']),
  apparel('Women', 'Tops', 'Bras & Tanks', 'Bra Top', 'Bustier', 'WB', 'letter', [25, 55], ['Polyester', 'Elastane', 'Nylon']),
  apparel('Women', 'Tops', 'Blouses', 'Blouse', 'Bluse', 'WL', 'letter', [35, 95], ['Silk', 'Viscose', 'Linen', 'Cotton']),
  apparel('Women', 'Bottoms', 'Pants', 'Pants', 'Hose', 'WP', 'waist', [45, 120], ['Cotton', 'Wool', 'Linen', 'Elastane']),
  apparel('Women', 'Bottoms', 'Leggings', 'Leggings', 'Leggings', 'WG', 'letter', [30, 70], ['Elastane', 'Nylon', 'Recycled Polyester']),
  apparel('Women', 'Bottoms', 'Skirts', 'Skirt', 'Rock', 'WS', 'letter', [30, 90], ['Cotton', 'Wool', 'Denim', 'Viscose']),
  apparel('Women', 'Bottoms', 'Shorts', 'Shorts', 'Shorts', 'WO', 'waist', [25, 60], ['Cotton', 'Denim', 'Linen']),
  apparel('Women', 'Dresses', '', 'Dress', 'Kleid', 'WD', 'letter', [45, 160], ['Cotton', 'Silk', 'Viscose', 'Linen']),
];

const gear = (category: string[], noun: string, storeNoun: string, skuPrefix: string, price: [number, number], materials: string[]): Garment => ({
  noun, storeNoun, category: ['Gear', ...category], gender: 'Unisex', sizes: 'one', price, skuPrefix, materials,
});

/** Things sold as standalone simple products in one size. */
export const GEAR: Garment[] = [
  gear(['Bags'], 'Backpack', 'Rucksack', 'GB', [35, 150], ['Nylon', 'Recycled Polyester', 'Leather']),
  gear(['Bags'], 'Tote Bag', 'Tragetasche', 'GT', [20, 80], ['Cotton', 'Organic Cotton', 'Leather']),
  gear(['Bags'], 'Duffle Bag', 'Reisetasche', 'GD', [45, 160], ['Nylon', 'Polyester']),
  gear(['Fitness Equipment'], 'Yoga Mat', 'Yogamatte', 'GY', [20, 90], ['Polyester', 'Nylon']),
  gear(['Fitness Equipment'], 'Water Bottle', 'Trinkflasche', 'GW', [8, 35], ['Nylon']),
  // Stored with an HTML entity, as Magento's sample data stores "Lumaflex&trade; Strength Band".
  gear(['Fitness Equipment'], 'Lumaflex&trade; Strength Band', 'Lumaflex&trade; Fitnessband', 'GE', [12, 30], ['Elastane']),
  gear(['Watches'], 'Watch', 'Uhr', 'GH', [80, 400], ['Leather', 'Nylon']),
  gear(['Accessories', 'Caps & Hats'], 'Cap', 'Kappe', 'GC', [15, 40], ['Cotton', 'Wool', 'Polyester']),
  gear(['Accessories', 'Caps & Hats'], 'Beanie', 'Mütze', 'GN', [15, 45], ['Wool', 'Merino Wool', 'Cashmere']),
  gear(['Accessories', 'Scarves'], 'Scarf', 'Schal', 'GF', [20, 120], ['Wool', 'Cashmere', 'Silk']),
  gear(['Accessories', 'Socks'], 'Socks', 'Socken', 'GS', [8, 25], ['Cotton', 'Merino Wool', 'Elastane']),
  gear(['Accessories', 'Belts'], 'Belt', 'Gürtel', 'GL', [25, 90], ['Leather']),
];

/** Virtual products: nothing to ship, still a stock item. */
export const VIRTUAL_ITEMS = [
  { noun: 'Gift Card', storeNoun: 'Geschenkkarte', skuPrefix: 'VG', price: [25, 200] as [number, number] },
  { noun: 'Personal Styling Session', storeNoun: 'Persönliche Stilberatung', skuPrefix: 'VS', price: [40, 120] as [number, number] },
  { noun: 'Tailoring Service', storeNoun: 'Änderungsservice', skuPrefix: 'VT', price: [10, 60] as [number, number] },
];

export const STYLE_NAMES = [
  'Chaz', 'Aria', 'Orion', 'Juno', 'Atlas', 'Nova', 'Ezra', 'Luna', 'Milo', 'Iris', 'Felix', 'Hazel', 'Ronan', 'Ivy',
  'Jasper', 'Maya', 'Otis', 'Stella', 'Hugo', 'Wren', 'Cleo', 'Theo', 'Zara', 'Bruno', 'Lyra', 'Silas', 'Nina', 'Arlo',
  'Edie', 'Kai', 'Mara', 'Leon', 'Greta', 'Oskar', 'Freya', 'Emil', 'Ines', 'Tobias', 'Selma', 'Anouk',
];

export const STYLE_DESCRIPTORS = [
  'Everyday', 'Trail', 'Urban', 'Classic', 'Essential', 'Performance', 'Heritage', 'Tempo', 'Summit', 'Coastal', 'Nordic', 'Studio',
  'Weekend', 'Alpine', 'Relaxed', 'Slim-Fit', 'Dri-Tech&trade;', 'Rain &amp; Wind',
];

export const DESCRIPTION_SENTENCES = [
  'Cut for an easy fit that layers well.',
  'Flatlock seams keep chafing away on long days.',
  'Pre-washed for softness from the first wear.',
  'Finished with reinforced stitching where it matters.',
  'Breathable fabric wicks moisture away from the skin.',
  'A wardrobe staple that pairs with almost anything.',
  'Designed in Berlin, made to last many seasons.',
];

/**
 * Names and SKUs that trip up naive readers: quotes, backslashes, LIKE wildcards, emoji, other
 * scripts. Each is sold as the garment named (by its noun), so it sits in a category that fits.
 */
export const AWKWARD_PRODUCTS = [
  { sku: 'TEE-"VINTAGE"-01', name: 'The "Vintage" Tee', garment: 'Tee' },
  { sku: "O'REILLY-CAP-01", name: "O'Reilly's Flat Cap", garment: 'Cap' },
  { sku: 'TOTE\\BACKSLASH-01', name: 'Back\\Slash Tote', garment: 'Tote Bag' },
  { sku: '50%_OFF-BAG-01', name: '50% Off_Bag', garment: 'Duffle Bag' },
  { sku: 'SOCK-🧦-RAINBOW', name: '🌈 Rainbow Socks 🧦', garment: 'Socks' },
  { sku: 'ФУТБОЛКА-001', name: 'Футболка «Классика»', garment: 'Tee' },
  { sku: 'シャツ-和柄-01', name: '和柄シャツ', garment: 'Shirt' },
  { sku: 'ΚΑΠΕΛΟ-01', name: 'Καπέλο Ήλιου', garment: 'Cap' },
  { sku: 'قميص-01', name: 'قميص قطني', garment: 'Shirt' },
  { sku: 'SCHAL-CAFÉ-Ü', name: 'Café Crème Schal – Über', garment: 'Scarf' },
];

export type AwkwardProduct = (typeof AWKWARD_PRODUCTS)[number];

