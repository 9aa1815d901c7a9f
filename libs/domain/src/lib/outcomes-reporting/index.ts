export * from './measures';
export * from './summary';
export * from './periods';
