export * from './dong';
