import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '../http/error-response';
import { AdminOnly } from '../security/admin-only.decorator';
import { ListProductsQueryDto } from './list-products.query.dto';
import { ProductPage } from './product.view';
import { ProductsReader } from './products.reader';

@ApiTags('products')
@AdminOnly()
@Controller('admin/products')
export class ProductsController {
  constructor(private readonly reader: ProductsReader) {}

  @Get()
  @ApiOperation({ summary: "List the Lookbook's products" })
  @ApiOkResponse({ type: ProductPage })
  @ApiBadRequestResponse({ description: 'A query parameter out of range, not an integer where one is expected, or unknown.', type: ErrorResponse })
  list(@Query() query: ListProductsQueryDto): Promise<ProductPage> {
    return this.reader.page({ page: query.page ?? 1, pageSize: query.pageSize ?? 25, q: query.q?.trim() ?? '' });
  }
}
