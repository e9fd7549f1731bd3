import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the account does not exist keeps the
// response time the same, so timing does not reveal which emails are registered.
let dummy: Promise<string> | null = null;
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hash('kakera-dummy-password', OPTIONS);
  await verifyPassword(await dummy, password);
  return false;
}
