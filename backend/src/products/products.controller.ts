import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponse } from '../product-import/dto/import-job.view';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { ListProductsQueryDto } from './list-products.query.dto';
import { ProductPage } from './product.view';
import { ProductsReader } from './products.reader';

@ApiTags('products')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong bearer token.', type: ErrorResponse })
@UseGuards(AdminTokenGuard)
@Controller('admin/products')
export class ProductsController {
  constructor(private readonly reader: ProductsReader) {}

  @Get()
  @ApiOperation({ summary: "List the Lookbook's products" })
  @ApiOkResponse({ type: ProductPage })
  @ApiBadRequestResponse({ type: ErrorResponse })
  list(@Query() query: ListProductsQueryDto): Promise<ProductPage> {
    return this.reader.page({ page: query.page ?? 1, pageSize: query.pageSize ?? 25, q: query.q?.trim() ?? '' });
  }
}
