/** Listeners registered at start-up, called in registration order by their owner (the unit of work, the relay). */
export class HookList<Hook> {
  private readonly hooks: Hook[] = [];

  register(hook: Hook): void {
    this.hooks.push(hook);
  }

  list(): readonly Hook[] {
    return this.hooks;
  }
}
