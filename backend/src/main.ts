import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { APP_CONFIG, AppConfig, ConfigError, loadAppConfig } from './config/app-config';
import { loadEnvFile } from './config/env-file';
import { createAppLogger } from './logging/app-logger';

async function bootstrap() {
  loadEnvFile();
  let bootConfig: AppConfig;
  try {
    bootConfig = loadAppConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: createAppLogger(bootConfig.logFormat) });
  const config = app.get<AppConfig>(APP_CONFIG);
  configureApp(app, config);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(config.port, host);
  new Logger('Bootstrap').log(`Listening on http://${host}:${config.port}/api (docs at /api/docs)`);
}

void bootstrap();
