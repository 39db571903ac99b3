export * from './user';
export * from './token-verifier';
export * from './decorators';
export * from './auth.guard';
export * from './four-eyes';
export * from './rate-limits';
export * from './decision-token';
export * from './auth.module';
