export * from './audit-chain';
export * from './audit.entity';
export * from './audit-trail';
export * from './audit-http';
export * from './audit.controller';
export * from './audit.module';
