export * from './lib/isolation';
export * from './lib/wait';
export * from './lib/child-process';
export * from './lib/jetstream';
export * from './lib/nats-server';
