export * from './errors';
export * from './validation';
export * from './version';
export * from './guide';
export * from './sync';
export * from './devices';
export * from './admin-api';
export * from './bridge';
