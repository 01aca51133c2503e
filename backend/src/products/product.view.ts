import { ApiProperty } from '@nestjs/swagger';

export class ProductView {
  @ApiProperty({ example: 'MH01' }) sku: string;
  @ApiProperty({ example: 1204 }) source_id: number;
  @ApiProperty({ example: 'Chaz Kangeroo Hoodie' }) title: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'In the page\'s currency, as the shop stores it (four decimals).', example: '52.0000' })
  price: string | null;
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
