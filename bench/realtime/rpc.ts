import type { ChildProcess } from 'node:child_process';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Handlers = Record<string, (args: never) => unknown>;
interface Request {
  id: number;
  cmd: string;
  args: unknown;
}
interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

/** In a forked child: answers the parent's calls with the given handlers; exits when the parent goes. */
export function serve(handlers: Handlers): void {
  process.on('message', (message: Request) => {
    const handler = handlers[message.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.cmd}`);
        return handler(message.args as never);
      })
      .then(
        (result) => process.send?.({ id: message.id, result } satisfies Reply),
        (error: unknown) =>
          process.send?.({
            id: message.id,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          } satisfies Reply),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

/** In the parent: calls a forked child's handlers. */
export class Rpc {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    readonly child: ChildProcess,
    private readonly name: string,
  ) {
    child.on('message', (reply: Reply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) w.reject(new Error(`${this.name}: ${reply.error}`));
      else w.resolve(reply.result);
    });
    child.on('exit', (code, signal) => {
      for (const w of this.waiting.values()) w.reject(new Error(`${this.name} exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  call<T>(cmd: string, args: unknown = {}, timeoutMs = 120_000): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.child.send({ id, cmd, args } satisfies Request);
    });
  }
}

/** Runs `fn` over `items` with at most `concurrency` at once. */
export async function pool<T, R>(
  items: T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
}
