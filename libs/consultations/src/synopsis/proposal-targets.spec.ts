import { docFromMarkdown, schema, toMarkdown } from '@runde/richtext';
import { consulted } from './consulted-text';
import { applyTracked, locate, type Proposal } from './proposal-targets';

const AT = '2027-04-01T08:00:00.000Z';
let n = 0;
const makeId = () => `b${++n}`;

/** A document with block ids and Randnummern, as a draft holds it; `from` carries them over from an earlier one. */
const doc = (markdown: string, from = schema.topNodeType.createAndFill()!) =>
  docFromMarkdown(from, markdown, 'someone', new Date(AT), makeId);

const TEXT = '# Ziele\n\nDie Kommunen beraten.\n\nDas Land fördert Kurse jährlich.\n\n- eins\n- zwei';

const byRn = (commentId: string, randnummer: string, proposedWording: string): Proposal => ({
  commentId,
  randnummer,
  anchorFrom: null,
  anchorTo: null,
  proposedWording,
});

describe('proposals applied as tracked changes', () => {
  const opening = doc(TEXT);
  const text = consulted('d', 'Entwurf', 3, 'opening', null, opening);
  const range = (commentId: string, needle: string, proposedWording: string): Proposal => {
    const from = text.map.markdown.indexOf(needle);
    return { commentId, randnummer: null, anchorFrom: from, anchorTo: from + needle.length, proposedWording };
  };
  const apply = (current: ReturnType<typeof doc>, proposals: Proposal[]) => {
    const { targets, skipped } = locate(text, current, proposals);
    const next = applyTracked(
      current,
      targets.map((t) => ({ ...t, changeId: t.commentId })),
      'owner',
      AT,
    );
    return { markdown: toMarkdown(next), targets, skipped, next };
  };

  it('replaces a Randnummer’s paragraph and a range, each as one change of the caller', () => {
    const out = apply(opening, [
      byRn('c1', '1', 'Die Landkreise beraten.'),
      range('c2', 'jährlich', 'alle zwei Jahre'),
    ]);
    expect(out.skipped).toEqual([]);
    expect(out.markdown).toBe(
      '# Ziele\n\n{--Die Kommunen beraten.--}{++Die Landkreise beraten.++}\n\n' +
        'Das Land fördert Kurse {--jährlich--}{++alle zwei Jahre++}.\n\n- eins\n- zwei',
    );
    const marks: Array<[string, unknown]> = [];
    out.next.descendants((node) => {
      for (const m of node.marks) marks.push([m.type.name, m.attrs]);
      return true;
    });
    expect(marks).toEqual([
      ['deletion', { id: 'c1', author: 'owner', at: AT }],
      ['insertion', { id: 'c1', author: 'owner', at: AT }],
      ['deletion', { id: 'c2', author: 'owner', at: AT }],
      ['insertion', { id: 'c2', author: 'owner', at: AT }],
    ]);
  });

  it('finds the blocks again by their ids after text was added above them', () => {
    const current = doc(`# Ziele\n\nEin neuer Absatz.\n\n${TEXT.slice('# Ziele\n\n'.length)}`, opening);
    const out = apply(current, [range('c2', 'jährlich', 'alle zwei Jahre'), byRn('c1', '1', 'Neu.')]);
    expect(out.skipped).toEqual([]);
    expect(out.markdown).toContain('Ein neuer Absatz.\n\n{--Die Kommunen beraten.--}{++Neu.++}');
    expect(out.markdown).toContain('Kurse {--jährlich--}{++alle zwei Jahre++}.');
  });

  it('skips, never guesses: changed text, lists, overlaps, pending changes, no wording', () => {
    const edited = doc(
      TEXT.replace('Kommunen beraten', 'Kommunen informieren').replace('jährlich', 'monatlich'),
      opening,
    );
    expect(apply(edited, [byRn('c1', '1', 'x'), range('c2', 'jährlich', 'y')]).skipped).toEqual([
      { commentId: 'c1', reason: 'text_changed' },
      { commentId: 'c2', reason: 'text_changed' },
    ]);
    const out = apply(opening, [
      byRn('c1', '1', 'Erste.'),
      byRn('c2', '1', 'Zweite.'),
      byRn('c3', '3', 'Eine Liste.'),
      byRn('c4', '9', 'Fehlt.'),
      byRn('c5', '2', '  '),
      range('c6', 'Kurse jährlich', 'Kurse'),
      range('c7', 'fördert Kurse', 'fördert'),
    ]);
    expect(out.targets.map((t) => t.commentId)).toEqual(['c1', 'c6']);
    expect(out.skipped).toEqual([
      { commentId: 'c2', reason: 'overlaps' },
      { commentId: 'c3', reason: 'not_a_paragraph' },
      { commentId: 'c4', reason: 'no_such_block' },
      { commentId: 'c5', reason: 'no_proposal' },
      { commentId: 'c7', reason: 'overlaps' },
    ]);
    // A pending deletion leaves the characters as they were, but it is for the group to decide first.
    const pending = doc(TEXT.replace('Das Land', '{--Das Land--}'), opening);
    const later = apply(pending, [byRn('c8', '2', 'Anders.'), range('c9', 'jährlich', 'jedes Jahr')]);
    expect(later.skipped).toEqual([{ commentId: 'c8', reason: 'pending_changes' }]);
    expect(later.markdown).toContain('{--Das Land--} fördert Kurse {--jährlich--}{++jedes Jahr++}.');
  });
});
