import { EmailMode, NotificationKind } from '@kakera/contracts';
import type { Actions, PageServerLoad } from './$types';
import { pageError, str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { requireSignedIn } from '../../staff/staff-guard';

// The signed-in person's notification and e-mail settings: one form that works without JavaScript.
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSignedIn(locals, url);
  try {
    const { settings } = await locals.api.get('/api/me/notification-settings');
    return { settings, kinds: NotificationKind.options };
  } catch (e) {
    pageError(e);
  }
};

export const actions: Actions = {
  save: formAction({
    fields: ['mutedKinds', 'emailKinds', 'emailMode', 'digestEmail'],
    parse: (form) => {
      const kinds = NotificationKind.options;
      const emailMode = EmailMode.safeParse(str(form, 'emailMode')).data;
      const input = {
        // A kind left unticked "in Kakera" is muted.
        mutedKinds: kinds.filter((k) => !form.has(`app:${k}`)),
        emailKinds: kinds.filter((k) => form.has(`mail:${k}`)),
        ...(emailMode ? { emailMode } : {}),
        // Only sent when the form offered it (the digest is for executives and admins).
        ...(form.has('digestOffered') ? { digestEmail: form.has('digestEmail') } : {}),
      };
      return { input, values: {}, invalid: emailMode ? undefined : { emailMode: 'required' } };
    },
    call: (api, body) => api.patch('/api/me/notification-settings', { body }),
    done: () => ({ saved: true as const }),
  }),
};
