/**
 * What a person does in a form, read into its model: typing and choosing
 * (input and change events), leaving a field (checked then), autofill that
 * filled inputs without events (read again before sending), and the polite
 * announcement of the characters left once typing pauses near a limit.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormModel } from './form-model.js';
import type { FormValues } from './values.js';

const COUNT_DELAY = 1200;

type Field = HTMLInputElement | HTMLTextAreaElement;

export class FormInputController implements ReactiveController {
  /** Characters left to announce, by field (see `FormView.counts`). */
  counts: Readonly<Record<string, number | undefined>> = {};
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly model: FormModel,
  ) {
    host.addController(this);
  }

  /** For the form's `input` and `change` events. */
  readonly input = (event: Event): void => {
    const el = event.target as Field;
    if (el.dataset.honeypot !== undefined) {
      this.model.honeypot = el.value;
      return;
    }
    const name = el.dataset.field;
    if (!name) return;
    const changes = this.#read(el, this.model.values);
    if (changes) this.model.set(changes);
    if (el.dataset.counter !== undefined) this.#scheduleCount(name, el.value, Number(el.dataset.counter));
  };

  /** For the form's `focusout` event. */
  readonly focusOut = (event: FocusEvent): void => {
    const el = event.target as Field;
    const name = el.dataset?.field;
    if (!name) return;
    // Moving between the radios or checkboxes of one group is not leaving it.
    if ((event.relatedTarget as HTMLElement | null)?.dataset?.field === name) return;
    this.model.leave(name, el.dataset.list ? el.value : this.model.values[name]);
  };

  /** Reads every field from the page: autofill that filled inputs without events is not lost. */
  readAll(): void {
    const changes: FormValues = {};
    for (const el of this.#fields()) {
      if (el instanceof HTMLInputElement && el.type === 'radio' && !el.checked) continue;
      Object.assign(changes, this.#read(el, { ...this.model.values, ...changes }));
    }
    this.model.set(changes);
  }

  /** Moves focus to a field's input (the checked radio, or the group's first). */
  focus(name: string): void {
    const inputs = this.#fields().filter((el) => el.dataset.field === name);
    const target = inputs.find((el) => el instanceof HTMLInputElement && el.checked) ?? inputs[0];
    target?.focus();
  }

  hostDisconnected(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #fields(): Field[] {
    return [...this.host.renderRoot.querySelectorAll<Field>('input[data-field], textarea[data-field]')];
  }

  /** The change an input makes to the values (a list item, a group of checkboxes, a radio, a text). */
  #read(el: Field, values: FormValues): FormValues | undefined {
    const name = el.dataset.field!;
    const listName = el.dataset.list;
    if (listName) {
      const items = [...((values[listName] as string[] | undefined) ?? [])];
      items[Number(el.dataset.index)] = el.value;
      return { [listName]: items };
    }
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      if (el.dataset.multiple === undefined) return { [name]: el.checked };
      return { [name]: this.#fields().filter((input) => input.dataset.field === name && (input as HTMLInputElement).checked).map((input) => input.value) };
    }
    if (el instanceof HTMLInputElement && el.type === 'radio') return el.checked ? { [name]: el.value } : undefined;
    return { [name]: el.value };
  }

  #scheduleCount(name: string, value: string, max: number): void {
    clearTimeout(this.#timers.get(name));
    this.#timers.set(
      name,
      setTimeout(() => {
        const left = max - value.length;
        // Announced only near the limit and once typing pauses: polite, not chatty.
        this.counts = { ...this.counts, [name]: left <= max / 5 ? left : undefined };
        this.host.requestUpdate();
      }, COUNT_DELAY),
    );
  }
}
