import type { Server } from 'socket.io';

/** The parts of an engine.io connection this touches (engine.io does not export them as types). */
interface EngineConnection {
  flush: () => void;
  writeBuffer?: unknown[];
  transport?: { name?: string; socket?: { _socket?: CorkableSocket } };
}

interface CorkableSocket {
  cork: () => void;
  uncork: () => void;
}

/**
 * Sends what a connection is given in one tick as one TCP write.
 *
 * engine.io flushes on every packet it is handed, and a websocket frame is one `writev` system call. A binary event
 * (a draft's Yjs update) is two socket.io packets: a placeholder and the attachment. So every peer of a draft took
 * two system calls per update, the second one only after the first had completed. System calls are what this
 * work costs most on a virtual machine (`writev` was 30 % of the api's CPU profile in the drafts benchmark).
 *
 * Here each connection's flush waits for the end of the current tick (a microtask), so the packets of one event
 * (and of several events emitted together, such as a group commit's updates) leave together. On a websocket the
 * TCP socket is corked while engine.io hands them to `ws`, so they go out in a single `writev`. Nothing changes
 * on the wire: the same frames, in the same order. If engine.io's internals ever look different, connections
 * are left as they are.
 */
export function coalesceFrames(server: Server): void {
  server.engine.on('connection', (conn: EngineConnection) => coalesceConnection(conn));
}

function coalesceConnection(conn: EngineConnection): void {
  const flush = conn.flush;
  if (typeof flush !== 'function') return;
  let queued = false;
  conn.flush = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      const raw = conn.transport?.name === 'websocket' ? conn.transport.socket?._socket : undefined;
      const cork =
        (conn.writeBuffer?.length ?? 0) > 1 &&
        typeof raw?.cork === 'function' &&
        typeof raw.uncork === 'function';
      if (cork) raw!.cork();
      try {
        flush.call(conn);
      } finally {
        if (cork) raw!.uncork();
      }
    });
  };
}
