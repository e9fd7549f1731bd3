// The demo community loaded on the first start of an empty embedded database.
export * from './seed-demo.ts';
