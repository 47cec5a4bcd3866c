import { Injectable } from '@nestjs/common';
import type { Node } from 'prosemirror-model';
import * as Y from 'yjs';
import { readDoc, renumberChanges, TextMap, updateTo, withBlockAttrs } from '@runde/richtext';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { assertEditable } from '../drafts/draft-rules';
import { DraftReader } from '../drafts/draft-reader';
import { draftView, DraftView } from '../views';
import { DraftWriter } from '../doc/draft-writer';

/** A top-level block of a draft as discussion and consultations name it: "Rn. 14". */
export interface DraftBlock {
  id: string | null;
  /** The Randnummer (null for headings). */
  rn: string | null;
  type: string;
  /** Heading level (headings only). */
  level: number | null;
  /** Where the block's text is in the draft's Markdown (`content` offsets), and its plain text. */
  start: number;
  end: number;
  text: string;
}

/**
 * The top-level blocks of a document in order, with their Randnummern and where their text is in its Markdown
 * (the live draft's, a revision's or a consultation's document).
 */
export function blocksOf(doc: Node): DraftBlock[] {
  // Markdown offsets need only the document; the Y.Doc TextMap also takes is for relative positions.
  const map = new TextMap(new Y.Doc(), doc);
  const items: DraftBlock[] = [];
  let k = 0;
  doc.forEach((node) => {
    const text = node.textBetween(0, node.content.size, ' ', ' ');
    let chars = 0;
    node.descendants((n) => {
      if (n.isText) chars += n.text!.length;
      return true;
    });
    items.push({
      id: (node.attrs.id as string | null) ?? null,
      rn: node.type.name === 'heading' ? null : ((node.attrs.rn as string | null) ?? null),
      type: node.type.name,
      level: node.type.name === 'heading' ? (node.attrs.level as number) : null,
      start: map.offsetOf(k),
      end: chars ? map.offsetOf(k + chars - 1) + 1 : map.offsetOf(k),
      text,
    });
    k += chars;
  });
  return items;
}

/**
 * Randnummern: the draft's numbered blocks (GET, for readers) and renumbering them 1, 2, 3, … (owners and
 * moderators, while the text may change). Numbers are otherwise stable: see libs/richtext/src/numbering.ts.
 */
@Injectable()
export class NumberingService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly writer: DraftWriter,
  ) {}

  async blocks(caller: Caller, draftId: string): Promise<{ version: number; items: DraftBlock[] }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    return this.writer.read(draftId, (live) => ({
      version: live.version,
      items: blocksOf(readDoc(live.doc)),
    }));
  }

  async renumber(caller: Caller, draftId: string): Promise<DraftView> {
    await this.policy.assert(caller, 'moderate', 'draft', draftId, 'Draft');
    assertEditable((await this.reader.draft(draftId)).status);
    await this.writer.edit(draftId, caller.id, (live) => {
      const doc = readDoc(live.doc);
      const changes = renumberChanges(doc);
      return changes.length ? updateTo(live.doc, withBlockAttrs(doc, changes)) : null;
    });
    return draftView(await this.reader.current(draftId));
  }
}
