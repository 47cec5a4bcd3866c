import { Injectable } from '@nestjs/common';
import type { StreamKind } from './domain-events';

/** Who is asking: enough of a signed-in caller to decide (platform admins may read more). */
export interface StreamReader {
  id: string;
  isAdmin: boolean;
}

export type StreamReadRule = (reader: StreamReader, id: string) => Promise<boolean>;

/**
 * Who may subscribe to the streams of domains that are not a group's resources (an organisation, a consultation
 * round): each domain registers one rule for its stream kind, and the realtime gateway asks it on `subscribe`
 * (and on every re-check). A stream kind without a rule here is decided by the groups' access policy.
 */
@Injectable()
export class StreamReaders {
  private readonly rules = new Map<StreamKind, StreamReadRule>();

  register(kind: StreamKind, rule: StreamReadRule): void {
    if (this.rules.has(kind)) throw new Error(`a read rule for ${kind} streams is registered already`);
    this.rules.set(kind, rule);
  }

  /** null: no rule for this kind (the caller decides otherwise). */
  async mayRead(reader: StreamReader, kind: StreamKind, id: string): Promise<boolean | null> {
    const rule = this.rules.get(kind);
    return rule ? rule(reader, id) : null;
  }
}
