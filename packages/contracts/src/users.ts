import { z } from 'zod';
import { Id, IsoDateTime, Locale, Role } from './common.ts';

/** A user as shown beside their posts: enough to render a name, a badge and a title. */
export const UserRef = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  level: z.number().int(),
  /** A staff member's team (shown with the staff badge instead of a level title); null for fans and staff without one. */
  team: z.string().nullable(),
});
export type UserRef = z.infer<typeof UserRef>;

/** Which parts of the site the signed-in person may use (the header's links, staff pages). */
export const MeCan = z.object({
  /** The response queue, statistics, triage, the escalation inbox, staff menus. */
  staffTools: z.boolean(),
  admin: z.boolean(),
  /** The executive daily digest. */
  digest: z.boolean(),
});
export type MeCan = z.infer<typeof MeCan>;

export const Me = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  role: Role,
  team: z.string().nullable().optional(),
  points: z.number().int(),
  level: z.number().int(),
  locale: Locale.nullable(),
  suspended: z.boolean(),
  can: MeCan,
});
export type Me = z.infer<typeof Me>;
export const MeResponse = z.object({ user: Me });

export const UserProfile = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  team: z.string().nullable(),
  points: z.number().int(),
  level: z.number().int(),
  suspended: z.boolean(),
  createdAt: IsoDateTime,
  threadCount: z.number().int(),
  postCount: z.number().int(),
  /** What the reader may do to this person (core's users/suspension-policy.ts). */
  can: z.object({
    /** Suspend them, or lift their suspension (`suspended` says which). */
    suspend: z.boolean(),
    /** Open this staff member's response scorecard (/staff/stats?staffId=): staff reading staff. */
    scorecard: z.boolean(),
  }),
});
export type UserProfile = z.infer<typeof UserProfile>;

export const RegisterBody = z.object({
  email: z.email().trim().toLowerCase().max(254),
  password: z.string().min(8).max(200),
  name: z.string().trim().min(2).max(40),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const UpdateMeBody = z.object({ locale: Locale.nullable().optional(), name: z.string().trim().min(2).max(40).optional() });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const UpdateUserBody = z
  .object({
    role: Role.optional(),
    /** A team's name; a new name creates the team; null removes the user from their team. */
    team: z.string().trim().min(1).max(60).nullable().optional(),
    suspended: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserParams = z.object({ id: Id });
export const UserListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const AdminUser = UserProfile.extend({ email: z.string().nullable() });
export const UserListResponse = z.object({ users: z.array(AdminUser) });

/** Staff members, for pickers (assign an issue, escalate to someone). */
export const StaffListResponse = z.object({
  staff: z.array(z.object({ id: z.number().int(), name: z.string(), role: Role, team: z.string().nullable() })),
});
