export * from './lib/errors';
export * from './lib/time';
export * from './lib/uuidv7';
