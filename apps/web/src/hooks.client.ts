import '$lib/i18n/strategy.client';
