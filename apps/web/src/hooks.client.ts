import '$lib/i18n/strategy.client';
import { watchEarlyInput } from '$lib/early-input';

watchEarlyInput();
