export * as schema from './schema.ts';
export * from './schema.ts';
export * from './client.ts';
export * from './migrate.ts';
export * from './rows.ts';
export * from './event-bus.ts';
export * from './prune-events.ts';
