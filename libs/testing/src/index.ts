export * from './wait';
export * from './kafka-broker';
export * from './service-process';
export * from './tokens';
export * from './http';
export * from './pdf';
export * from './csv';
