import { Module } from '@nestjs/common';
import { ProductsController } from './products.controller';
import { ProductsReader } from './products.reader';

@Module({ controllers: [ProductsController], providers: [ProductsReader] })
export class ProductsModule {}
