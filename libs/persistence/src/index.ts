export * from './lib/data-source';
export * from './lib/ensure-database';
export * from './lib/migrations';
export * from './lib/messaging';
export * from './lib/change-listener';
