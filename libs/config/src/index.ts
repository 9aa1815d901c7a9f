export * from './lib/concerns';
export * from './lib/load-config';
