import { autoReplyReason } from './auto-reply';
import { replyText } from './reply-text';

describe('replyText', () => {
  it('keeps the new text above a German attribution line', () => {
    expect(
      replyText(
        'Danke, ich übernehme das.\n\nAm 3. März 2027 um 10:15 schrieb runde <reply+abc@runde.example>:\n> Guten Tag,\n> alter Text',
      ),
    ).toBe('Danke, ich übernehme das.');
  });

  it('cuts at an English attribution, also when broken over two lines', () => {
    expect(replyText('Agreed.\nOn Tue, 2 Mar 2027 at 10:15, runde <reply+abc@x.de>\nwrote:\n> old')).toBe(
      'Agreed.',
    );
    expect(replyText('Agreed.\n\nOn Tue, 2 Mar 2027, Anna wrote:\n> old')).toBe('Agreed.');
  });

  it('cuts the signature and a phone line, keeps line breaks of the reply', () => {
    expect(replyText('Erste Zeile\nZweite Zeile\n\n-- \nAnna Berg\nLandratsamt')).toBe(
      'Erste Zeile\nZweite Zeile',
    );
    expect(replyText('Passt.\n\nVon meinem iPhone gesendet')).toBe('Passt.');
  });

  it("cuts Outlook's header block and drops interleaved quotes", () => {
    expect(
      replyText(
        'Einverstanden.\n\n-----Ursprüngliche Nachricht-----\nVon: runde\nGesendet: Dienstag\n\nalter Text',
      ),
    ).toBe('Einverstanden.');
    expect(replyText('Oben.\n________________________________\nVon: runde <a@b.de>\nGesendet: heute')).toBe(
      'Oben.',
    );
    expect(replyText('> Frage eins?\nAntwort eins.\n> Frage zwei?\nAntwort zwei.')).toBe(
      'Antwort eins.\nAntwort zwei.',
    );
  });

  it('leaves a reply without quote as it is', () => {
    expect(replyText('\n\nNur Text.\n\n')).toBe('Nur Text.');
  });
});

describe('autoReplyReason', () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name];
  it('finds out-of-office replies, bulk and list mail, and reports', () => {
    expect(autoReplyReason(headers({ 'auto-submitted': 'auto-replied' }))).toBe(
      'Auto-Submitted: auto-replied',
    );
    expect(autoReplyReason(headers({ precedence: 'bulk' }))).toBe('Precedence: bulk');
    expect(autoReplyReason(headers({ 'x-autoreply': 'yes' }))).toBe('x-autoreply');
    expect(autoReplyReason(headers({ 'x-auto-response-suppress': 'All' }))).toBe('x-auto-response-suppress');
    expect(autoReplyReason(headers({}), 'multipart/report; report-type=delivery-status')).toBe(
      'multipart/report',
    );
  });
  it('lets a person’s reply through', () => {
    expect(
      autoReplyReason(headers({ 'auto-submitted': 'no', precedence: 'normal' }), 'text/plain'),
    ).toBeNull();
  });
});
