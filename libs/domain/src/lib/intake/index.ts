export * from './referral-rules';
export * from './csv-import';
export * from './import-run';
export * from './referral-shape';
