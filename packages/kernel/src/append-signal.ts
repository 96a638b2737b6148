/**
 * Wakes the readers that wait for the next append: a store calls `notify()` after it appends, readers `wait`
 * until then or until their signal aborts. Nothing is kept for a reader once it is woken or aborted.
 */
export class AppendSignal {
  private readonly waiters = new Set<() => void>();

  wait(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        signal.removeEventListener("abort", wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener("abort", wake, { once: true });
    });
  }

  notify(): void {
    if (this.waiters.size === 0) return;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }
}
