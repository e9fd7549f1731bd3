/**
 * The live number of breached obligations for the staff header link. The
 * server renders the count (layout data); the staff alerts module, loaded only
 * for staff, keeps it current from the `staff-queue` topic. Null: use the
 * server's figure.
 */
export const staffCount = $state<{ breached: number | null }>({ breached: null });
