export * from './errors.ts';
export * from './common.ts';
export * from './users.ts';
export * from './categories.ts';
export * from './threads.ts';
export * from './events.ts';
export * from './health.ts';
export * from './sla.ts';
