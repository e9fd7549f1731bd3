import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import TextField from './TextField.svelte';

// The props of an input or a textarea: a union too wide to spell here, and each call below is one of them.
const html = (props: Record<string, unknown>) => render(TextField as unknown as Component<Record<string, unknown>>, { props }).body;

describe('TextField', () => {
  it('labels the box and ties its hint and error slot to it', () => {
    const out = html({
      id: 'name',
      name: 'name',
      label: 'Display name',
      hint: 'Shown beside your posts',
      value: 'Aki',
      required: true,
      maxlength: 40,
    });
    expect(out).toContain('<label for="name">Display name</label>');
    expect(out).toMatch(
      /<input[^>]*id="name"[^>]*name="name"[^>]*type="text"[^>]*value="Aki"[^>]*aria-describedby="name-hint name-error"[^>]*required[^>]*maxlength="40"/,
    );
    expect(out).not.toContain('aria-invalid');
    expect(out).toContain('<p class="hint" id="name-hint">Shown beside your posts</p>');
    expect(out).not.toContain('field-error');
  });

  it('marks the box invalid and shows the error beside it', () => {
    const out = html({ id: 'email', name: 'email', label: 'Email', type: 'email', error: 'Enter an email address' });
    expect(out).toMatch(/<input[^>]*type="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-error"/);
    expect(out).toContain('<p class="field-error" id="email-error">Enter an email address</p>');
  });

  it('is a textarea holding its value when multiline, and leaves a password empty', () => {
    const area = html({ id: 'body', name: 'body', label: 'Body', multiline: true, rows: 6, value: 'a <b> & c' });
    expect(area).toMatch(/<textarea[^>]*id="body"[^>]*name="body"[^>]*rows="6"[^>]*>a &lt;b> &amp; c<\/textarea>/);
    const password = html({ id: 'password', name: 'password', label: 'Password', type: 'password' });
    expect(password).not.toContain('value=');
  });
});
