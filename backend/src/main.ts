import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { APP_CONFIG, AppConfig, ConfigError, loadAppConfig } from './config/app-config';
import { loadEnvFile } from './config/env-file';
import { assertCanListen } from './config/listen-check';
import { createAppLogger } from './logging/app-logger';

async function bootstrap() {
  loadEnvFile();
  let bootConfig: AppConfig;
  try {
    bootConfig = loadAppConfig();
    await assertCanListen(bootConfig.host, bootConfig.port);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: createAppLogger(bootConfig.logFormat) });
  const config = app.get<AppConfig>(APP_CONFIG);
  configureApp(app, config);
  await app.listen(config.port, config.host);
  new Logger('Bootstrap').log(`Listening on http://${config.host}:${config.port}/api (docs at /api/docs)`);
}

void bootstrap();
