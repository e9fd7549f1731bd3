// The public entry of @kakera/api, for benchmarks and tools that run the
// server in-process: build it (never listening) from a configuration.
export { buildApp, type BuildOptions } from './app.ts';
export { loadConfig, ConfigError, type Config } from './config.ts';
