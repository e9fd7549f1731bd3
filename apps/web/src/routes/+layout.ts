import { neededHeaderParts } from '$lib/components/header-parts';
import type { LayoutLoad } from './$types';

// The header's parts this reader gets (header-parts.ts), fetched before the
// page renders: on the server, and in the browser before hydration.
export const load: LayoutLoad = async ({ data }) => {
  await Promise.all(neededHeaderParts(data.user).map((part) => part.load()));
  return data;
};
