import type { PageLoad } from './$types';
import { neededParts } from './thread-parts';

// The parts of the page this reader may use (thread-parts.ts), fetched before
// the page renders: on the server, so the HTML holds their plain forms, and in
// the browser before hydration, so it finds the same markup.
export const load: PageLoad = async ({ data }) => {
  await Promise.all(neededParts(data).map((part) => part.load()));
  return data;
};
