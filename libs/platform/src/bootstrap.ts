import { ValidationPipe, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';

export interface HttpOptions {
  title: string;
  description: string;
  bodyLimit: string;
}

/** What every service's HTTP side has: pino logs, strict validation, body limit, OpenAPI at /docs. */
export function configureHttp(app: INestApplication, options: HttpOptions): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.useBodyParser('json', { limit: options.bodyLimit });
  express.disable('x-powered-by');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

/** Creates, configures and starts a service's HTTP application. */
export async function startHttpService(module: DynamicModule, options: HttpOptions & { host: string; port: number }) {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  configureHttp(app, options);
  await app.listen(options.port, options.host);
  return app;
}
