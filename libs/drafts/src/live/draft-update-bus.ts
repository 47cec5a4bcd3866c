import { Injectable, Logger } from '@nestjs/common';

/** Called after an update to a draft was committed in this process (live edit, REST edit, accept, restore). */
export type DraftUpdateListener = (
  draftId: string,
  update: Uint8Array,
  originUserId: string | null,
  version: number,
  /** The socket the update came from (live edits through the gateway), so the broadcast can skip it. */
  originSocketId?: string,
) => void;

/** In-process fan-out of committed updates (the realtime gateway forwards them to the draft's other sockets). */
@Injectable()
export class DraftUpdateBus {
  private readonly logger = new Logger('DraftUpdateBus');
  private readonly listeners = new Set<DraftUpdateListener>();

  subscribe(listener: DraftUpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(
    draftId: string,
    update: Uint8Array,
    originUserId: string | null,
    version: number,
    originSocketId?: string,
  ): void {
    for (const listener of this.listeners) {
      try {
        listener(draftId, update, originUserId, version, originSocketId);
      } catch (error) {
        this.logger.warn({ err: error, draftId }, 'draft update listener failed');
      }
    }
  }
}
