export * from './config';
export * from './pii';
export * from './logging';
export * from './health';
export * from './metrics';
export * from './bootstrap';
export * from './database';
export * from './kafka';
