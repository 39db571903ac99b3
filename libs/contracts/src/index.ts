export * from './envelope';
export * from './topics';
export * from './common';
export * from './events';
export * from './jobs';
export * from './snapshot-checksum';
export * from './transport-key';
