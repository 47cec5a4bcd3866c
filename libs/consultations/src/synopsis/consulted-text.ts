import { Injectable } from '@nestjs/common';
import type { Node } from 'prosemirror-model';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { blocksOf, DraftRevisionEntity, RevisionsService } from '@runde/drafts';
import { TextMap } from '@runde/richtext';
import type { ConsultationEntity } from '../entities/consultation.entity';

/** A top-level block of the consulted text, with where its characters are (TextMap's character indexes). */
export interface ConsultedBlock {
  id: string | null;
  rn: string | null;
  type: string;
  /** Its text as consulted: pending tracked insertions left out (they were suggestions, not the text). */
  text: string;
  /** Markdown offsets of its text (`content`), as statements' range anchors count. */
  start: number;
  end: number;
  /** Its characters [charStart, charEnd) in the document's text. */
  charStart: number;
  charEnd: number;
}

export interface ConsultedText {
  draftId: string;
  title: string;
  version: number;
  source: 'opening' | 'current';
  revisionId: string | null;
  doc: Node;
  blocks: ConsultedBlock[];
  /** The document's text, character by character (as TextMap counts them). */
  chars: string;
  map: TextMap;
}

/**
 * The text a round consulted on: the draft's document as it went into consultation — the status revision the
 * workflow made when the draft entered consultation last before the round opened (during consultation the text
 * only gains tracked suggestions) — or, for a draft without such a revision, its current document.
 */
@Injectable()
export class ConsultedTexts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly revisions: RevisionsService,
  ) {}

  async of(round: ConsultationEntity): Promise<ConsultedText | null> {
    if (!round.draftId) return null;
    const draftId = round.draftId;
    const [draft] = (await this.dataSource.query(`SELECT title FROM drafts WHERE id = $1`, [
      draftId,
    ])) as Array<{
      title: string;
    }>;
    if (!draft) return null;
    const revision = await this.dataSource.getRepository(DraftRevisionEntity).findOne({
      where: { draftId, kind: 'status', status: 'consultation' },
      order: { createdAt: 'DESC', number: 'DESC' },
    });
    if (revision && revision.createdAt <= round.createdAt) {
      const doc = await this.revisions.documentOf(revision);
      return consulted(draftId, draft.title, revision.version, 'opening', revision.id, doc);
    }
    const current = await this.revisions.current(draftId);
    return consulted(draftId, draft.title, current.version, 'current', null, current.doc);
  }

  /** The draft's document now (what proposals are applied to). */
  async current(draftId: string): Promise<{ version: number; doc: Node }> {
    return this.revisions.current(draftId);
  }
}

export function consulted(
  draftId: string,
  title: string,
  version: number,
  source: 'opening' | 'current',
  revisionId: string | null,
  doc: Node,
): ConsultedText {
  const listed = blocksOf(doc);
  const blocks: ConsultedBlock[] = [];
  let k = 0;
  let index = 0;
  doc.forEach((node) => {
    const chars = charsOf(node).length;
    const b = listed[index++];
    blocks.push({
      id: b.id,
      rn: b.rn,
      type: b.type,
      text: standingText(node),
      start: b.start,
      end: b.end,
      charStart: k,
      charEnd: k + chars,
    });
    k += chars;
  });
  return {
    draftId,
    title,
    version,
    source,
    revisionId,
    doc,
    blocks,
    chars: charsOf(doc),
    map: new TextMap(new Y.Doc(), doc),
  };
}

/** Every text character of a node in document order (TextMap's and posOfCharIndex's count). */
export function charsOf(node: Node): string {
  const parts: string[] = [];
  node.descendants((n) => {
    if (n.isText) parts.push(n.text!);
    return true;
  });
  return parts.join('');
}

/** A block's text without pending tracked insertions; its paragraphs (list items, cells) joined by spaces. */
export function standingText(block: Node): string {
  const lines: string[] = [];
  const walk = (node: Node) => {
    if (node.isTextblock) {
      let line = '';
      node.forEach((child) => {
        if (child.isText) {
          if (!child.marks.some((m) => m.type.name === 'insertion')) line += child.text;
        } else if (child.type.name === 'hard_break') line += ' ';
      });
      if (line.trim()) lines.push(line.trim());
      return;
    }
    node.forEach(walk);
  };
  walk(block);
  return lines.join(' ');
}

/** The block a range of the Markdown falls in: the one holding its first character (null outside every block). */
export function blockOfRange(text: ConsultedText, from: number, to: number): ConsultedBlock | null {
  const [a, b] = text.map.charRange(from, to);
  if (a >= text.chars.length) return null;
  return text.blocks.find((block) => a >= block.charStart && a < block.charEnd && b > a) ?? null;
}
