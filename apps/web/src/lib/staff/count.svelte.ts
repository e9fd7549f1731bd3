/**
 * The live numbers on the staff header links: breached obligations (the
 * queue) and escalations waiting (the inbox). The server renders them (layout
 * data); the staff alerts module, loaded only for staff, keeps them current
 * from the `staff-queue` topic and the reader's `notifications`
 * (`escalation.changed`). Null: use the server's figure.
 */
export const staffCount = $state<{ breached: number | null; escalations: number | null }>({ breached: null, escalations: null });
