/**
 * Story `play` helpers for the forms (<enrol-form>, <trainer-signup>): they
 * wait for the form, then type and click as a person would, so a story can
 * show the error, sending-failure and receipt states.
 */

type FormElement = HTMLElement & { updateComplete: Promise<boolean> };

async function waitFor<T>(find: () => T | null | undefined, timeout = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - start > timeout) throw new Error('The form did not appear');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The form element inside a story's canvas, once its form is shown. */
export async function formIn(canvas: HTMLElement, tag: string): Promise<FormElement> {
  const el = await waitFor(() => canvas.querySelector<FormElement>(tag));
  await waitFor(() => el.shadowRoot?.querySelector('form'));
  return el;
}

/** Types text values and clicks choices (`name` → value; a choice is `[value]`). */
export async function fillForm(el: FormElement, values: Record<string, string | string[]>): Promise<void> {
  const inputs = () => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[data-field]')];
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) {
      for (const v of value) inputs().find((i) => i.dataset.field === name && i.value === v)?.click();
    } else {
      const input = inputs().find((i) => i.dataset.field === name);
      if (!input) continue;
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
    await el.updateComplete;
  }
}

export function submitForm(el: FormElement): void {
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

/** A unique professional address, so the reference server records each story's request. */
export const storyEmail = (name: string): string => `${name}.${Date.now().toString(36)}@numerique.gouv.fr`;
