import { ApiProperty } from '@nestjs/swagger';

const ROLES = ['image', 'small_image', 'thumbnail', 'swatch_image'];

export class ProductImageView {
  @ApiProperty({ description: 'Absolute http(s) URL of the photo.', example: 'https://shop.example/media/catalog/product/m/h/mh01-black-0.jpg' }) url: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'Front' }) label: string | null;
  @ApiProperty({ description: 'The storefront roles this photo has, in this order.', enum: ROLES, isArray: true, example: ['image', 'small_image', 'thumbnail'] })
  roles: string[];
}

export class ProductVariantView {
  @ApiProperty({ example: 'Blue' }) color: string;
  @ApiProperty({ type: 'string', nullable: true, description: "The colour's hex swatch as the shop stores it.", example: '#1857f7' }) swatch: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'The base photo of the first child of this colour that has one.' }) image_url: string | null;
  @ApiProperty({ type: [String], description: 'In the size options\' order.', example: ['XS', 'S', 'M'] }) sizes: string[];
  @ApiProperty({ example: 15 }) stock_qty: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'The lowest price a guest pays today for a child of this colour.', example: '45.000000' })
  final_price: string | null;
}

export class ProductView {
  @ApiProperty({ example: 'MH01' }) sku: string;
  @ApiProperty({ example: 1204 }) source_id: number;
  @ApiProperty({ example: 'Chaz Kangeroo Hoodie' }) title: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'In the page\'s currency, at the shop\'s precision (six decimals, as Magento stores prices).', example: '52.000000' })
  price: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'What a guest pays for one unit today in the store (regular price lowered by a special, tier or catalog rule price); for a configurable, its lowest child.',
    example: '39.000000',
  })
  final_price: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Absolute URL of the photo to show.', example: 'https://shop.example/media/catalog/product/m/h/mh01-black-0.jpg' })
  image_url: string | null;
  @ApiProperty({ type: [ProductImageView], description: 'The gallery as the storefront shows it, in order; hidden photos left out.' }) images: ProductImageView[];
  @ApiProperty({ type: 'string', nullable: true, description: "Absolute URL of the product's page in the shop.", example: 'https://shop.example/chaz-kangeroo-hoodie.html' })
  product_url: string | null;
  @ApiProperty({ type: [ProductVariantView], description: "A configurable's colours (of the children it sells); [] for other products." }) variants: ProductVariantView[];
  @ApiProperty({ type: 'string', nullable: true, example: 'XS, S, M, L, XL' }) size_range: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'Black, Blue' }) color: string | null;
  @ApiProperty({ description: 'Quantity in stock; whole for most products, fractional where the shop allows it.', example: 240 }) stock_qty: number;
  @ApiProperty({ description: 'Whether the product was on sale when last imported; every import writes true, as only products on sale are imported.', example: true })
  in_stock: boolean;
  @ApiProperty({ type: 'string', nullable: true, example: 'Men > Tops > Hoodies & Sweatshirts' }) category: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: '/m/h/mh01-black_main.jpg' }) image_key: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'chaz-kangeroo-hoodie' }) url_key: string | null;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ProductPage {
  @ApiProperty({ type: [ProductView] }) items: ProductView[];
  @ApiProperty({ example: 5012 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 25 }) pageSize: number;
  @ApiProperty({
    description: "ISO 4217 code of the shop's base currency, which every price is in (Magento's currency/options/base as the shop last said it, else SHOP_CURRENCY).",
    example: 'EUR',
  })
  currency: string;
  @ApiProperty({
    enum: ['shop', 'setting'],
    description: "shop: the shop's own base currency, kept in the Lookbook; setting: SHOP_CURRENCY, because the shop has never told its currency.",
    example: 'shop',
  })
  currency_source: 'shop' | 'setting';
}
