import { ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppConfig } from './config/app-config';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { KnownFieldsPipe } from './http/known-fields.pipe';
import { refuseBodiesValidationCannotSee, requireJsonBody } from './http/request-body-guards';

/** Request bodies are a few small fields; anything much larger is refused with 413. */
const BODY_LIMIT = '16kb';

/** Everything main.ts and the e2e tests share: prefix, validation, errors, security, docs. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.setGlobalPrefix('api');
  // Limits key on request.ip: with TRUST_PROXY it is the browser's address the Next server forwards.
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  // Before the body parser, so its own 400 and 413 answers carry the security headers too.
  app.use(helmet());
  app.use(requireJsonBody);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(refuseBodiesValidationCannotSee);
  app.useGlobalPipes(new KnownFieldsPipe(), new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new HttpExceptionFilter());
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApiConfig()), {
    jsonDocumentUrl: 'api/docs-json',
  });
}

export function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Lookbook Product Import')
    .setDescription('Imports the products on sale in the shop’s Magento 2 store (enabled, visible, assigned to the store’s website and in stock by the shop’s own rules) into the Lookbook.')
    .setVersion('1.0')
    // 3.1, whose schemas are JSON Schema: "a job or null" is anyOf [job, null], which 3.0 cannot say.
    .setOpenAPIVersion('3.1.0')
    // Not addBearerAuth(): it declares every bearer token a JWT, and ADMIN_API_TOKEN is an opaque string.
    .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'ADMIN_API_TOKEN, an opaque string of at least 32 characters' })
    .build();
}
