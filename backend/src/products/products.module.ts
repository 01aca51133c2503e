import { Module } from '@nestjs/common';
import { ProductsController } from './products.controller';
import { ProductsReader } from './products.reader';
import { ShopCurrency } from './shop-currency';

@Module({ controllers: [ProductsController], providers: [ProductsReader, ShopCurrency] })
export class ProductsModule {}
