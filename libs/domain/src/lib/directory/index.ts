export * from './geo';
export * from './eligibility';
export * from './capacity';
export * from './ranking';
export * from './oruk';
