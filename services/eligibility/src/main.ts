import 'reflect-metadata';
import { ConfigError, startHttpService } from '@benefits/platform';
import { AppModule } from './app.module';
import { loadEligibilityConfig, SERVICE_DESCRIPTION, SERVICE_NAME } from './config';

async function main() {
  const config = loadEligibilityConfig();
  await startHttpService(AppModule.forRoot(config), {
    title: `${SERVICE_NAME} service`,
    description: SERVICE_DESCRIPTION,
    bodyLimit: config.HTTP_BODY_LIMIT,
    host: config.HOST,
    port: config.PORT,
  });
}

main().catch((error: unknown) => {
  // Before the logger exists (bad config) the message must still reach the operator, once and plainly.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
