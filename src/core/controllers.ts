/**
 * Lifecycle helpers every widget may add to itself: small reactive
 * controllers rather than hooks in the base class.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TaskStatus, type Task } from '@lit/task';

/** What AbortOnDisconnect needs of a task, whatever its arguments and value. */
type AbortableTask = Pick<Task<readonly unknown[], unknown>, 'status' | 'abort' | 'run'>;

/**
 * Aborts a task's pending run when its element leaves the page, and runs it
 * again when the element comes back: nothing is fetched for a removed widget.
 */
export class AbortOnDisconnect implements ReactiveController {
  #resume = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly task: AbortableTask,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.#resume) return;
    this.#resume = false;
    void this.task.run();
  }

  hostDisconnected(): void {
    if (this.task.status !== TaskStatus.PENDING) return;
    this.#resume = true;
    this.task.abort();
  }
}
