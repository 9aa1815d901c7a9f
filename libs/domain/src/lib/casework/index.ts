export * from './case-lifecycle';
export * from './contact-norms';
export * from './allocation';
export * from './plan-versioning';
export * from './pathway';
export * from './supervision';
export * from './onward-referral';
