import type { Me } from '$lib/types';
import type { Api } from '$lib/server/api';
import type { Locale } from '$lib/paraglide/runtime.js';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** An API error code (see @kakera/contracts `ErrorCode`), when the error came from the API. */
      code?: string;
    }
    interface Locals {
      api: Api;
      user: Me | null;
      locale: Locale;
    }
    // interface PageData {}
    // interface PageState {}
    interface Platform {
      /** adapter-node's request; the API server that mounts this app leaves the client's address on it (src/lib/server/api.ts). */
      req: import('node:http').IncomingMessage;
    }
  }
}

export {};
