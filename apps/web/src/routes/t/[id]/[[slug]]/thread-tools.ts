// What a signed-in reader may get on a thread page, in one chunk (thread-parts.ts):
// whoever may reply may usually flag too, and one file costs less than five.
export { default as ReplyForm } from './ReplyForm.svelte';
export { default as PostEditForm } from './PostEditForm.svelte';
export { default as PostModeration } from './PostModeration.svelte';
export { default as PostActions } from './PostActions.svelte';
export { default as ResolutionPrompt } from './ResolutionPrompt.svelte';
