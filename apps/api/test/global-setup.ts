// With TEST_DATABASE_URL (a PostgreSQL server), migrate one template database
// once; each test file then gets a fresh copy of it (@kakera/db/testing).
export { setupTemplateDatabase as setup } from '@kakera/db/testing';
