/**
 * Helpers for the form tests (<enrol-form>, <trainer-signup>): they act as a
 * person does, through input events, clicks and key presses.
 */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { until } from './helpers.js';

export const root = (el: LitElement) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: LitElement, selector: string) => root(el).querySelector<T>(selector);
/** The input of a field (the first of a group), by its field name. */
export const field = (el: LitElement, name: string) =>
  [...root(el).querySelectorAll<HTMLInputElement>('[data-field]')].find((i) => i.dataset.field === name)!;
export const options = (el: LitElement, name: string) =>
  [...root(el).querySelectorAll<HTMLInputElement>('[data-field]')].filter((i) => i.dataset.field === name);
export const submitButton = (el: LitElement) => $<HTMLButtonElement>(el, 'button[type="submit"]')!;

/** Types into a field as a person would: focus, input events, then leaving the field. */
export async function typeInto(el: LitElement, name: string, value: string): Promise<void> {
  const input = field(el, name);
  expect(input, name).to.exist;
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.blur();
  await el.updateComplete;
}

/** Clicks the radio or checkbox of `value` in the group `name`. */
export async function choose(el: LitElement, name: string, value: string): Promise<void> {
  const input = options(el, name).find((i) => i.value === value);
  expect(input, `option ${value} of ${name}`).to.exist;
  input!.click();
  await el.updateComplete;
}

export async function submit(el: LitElement): Promise<void> {
  submitButton(el).click();
  await el.updateComplete;
}

export const receiptOf = (el: LitElement) => until(() => $(el, '.receipt'), 'the receipt');
export const summaryOf = (el: LitElement) => until(() => $(el, '.error-summary'), 'the error summary');
export const sendErrorOf = (el: LitElement) => until(() => $(el, '[part="send-error"]'), 'the sending error', 12000);

/** Fills the honeypot as a bot would. */
export function fillHoneypot(el: LitElement, value = 'http://spam.example'): void {
  const trap = $<HTMLInputElement>(el, '[data-honeypot]')!;
  trap.value = value;
  trap.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** The ids in an input's aria-describedby that end with `suffix`, resolved in its shadow root. */
export function describedBy(el: LitElement, input: Element, suffix: string): HTMLElement | null {
  const id = (input.getAttribute('aria-describedby') ?? '').split(' ').find((i) => i.endsWith(suffix));
  return id ? root(el).getElementById(id) : null;
}

/** Presses Tab until the focus is on `target` inside the element (at most `max` presses). */
export async function tabTo(el: LitElement, isTarget: (active: Element | null) => boolean, sendKeys: (k: { press: string }) => Promise<unknown>, max = 25): Promise<void> {
  for (let i = 0; i < max && !isTarget(root(el).activeElement); i++) await sendKeys({ press: 'Tab' });
  expect(isTarget(root(el).activeElement), 'focus reached by Tab').to.equal(true);
}
