export * from './user';
export * from './token-verifier';
export * from './decorators';
export * from './auth.guard';
export * from './four-eyes';
export * from './auth.module';
