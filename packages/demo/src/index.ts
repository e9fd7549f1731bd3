// The demo community loaded on the first start of an empty embedded database.
export * from './seed-demo.ts';
export { DEMO_PASSWORD, DEMO_USERS } from './demo-content.ts';
