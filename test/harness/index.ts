/**
 * The e2e suites' shared harness (test/reliability, test/security, bench/run-all.hub.ts): real
 * Postgres, Redis and nats-server processes the suite owns, a TCP proxy for network faults,
 * Linkway apps as processes, request factories and the figures report.
 *
 * It is not an Nx library (no path alias): suites import it by relative path on one line,
 * with the module-boundaries rule disabled for that line only.
 */
export * from './infra';
export * from './proxy';
export * from './apps';
export * from './fixtures';
export * from './jetstream';
export * from './report';
export * from './federation';
