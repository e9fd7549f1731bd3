import type { ClientInit } from '@sveltejs/kit';
import { loadLocale } from 'virtual:kakera-messages';
import '$lib/i18n/strategy.client';
import { watchEarlyInput } from '$lib/early-input';

watchEarlyInput();

// The words of the layout and the thread page in the page's language, when it
// is not the base language (src/lib/build/compact-messages.ts), before hydration.
export const init: ClientInit = () => loadLocale(document.documentElement.lang);
