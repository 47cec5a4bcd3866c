import { IsString } from 'class-validator';
import { AppError } from '../errors/app-error';
import { createValidationPipe, unstorableTextIn } from './validation';

class TitleDto {
  @IsString() title: string;
}

describe('unstorableTextIn', () => {
  it('passes text PostgreSQL stores, surrogate pairs (emoji) and U+FFFD included', () => {
    expect(unstorableTextIn({ a: 'Grüße 😀 \uFFFD \uFFFF', b: ['x', { c: 'y' }], n: 1, z: null })).toEqual(
      [],
    );
  });

  it('names every field with NUL or a lone surrogate by its path, in field order', () => {
    const problems = unstorableTextIn({
      title: 'a\u0000b',
      items: [{ text: 'ok' }, { text: 'x\ud800' }],
      tail: '\udc00y',
      pair: '\ud83d\ude00',
      reversed: '\ude00\ud83d',
    });
    expect(problems.map((p) => p.field)).toEqual(['title', 'items.1.text', 'tail', 'reversed']);
    expect(problems[0].messages).toEqual(['title must not contain the NUL character (\\u0000)']);
    expect(problems[1].messages[0]).toMatch(/items\.1\.text must not contain a lone UTF-16 surrogate/);
  });

  it('checks keys too, and names the value itself by its root', () => {
    expect(unstorableTextIn({ 'k\u0000': 'v' }).map((p) => p.field)).toEqual(['k\\u0000']);
    expect(unstorableTextIn('\u0000', 'q').map((p) => p.field)).toEqual(['q']);
    expect(unstorableTextIn('\u0000').map((p) => p.field)).toEqual(['value']);
  });

  it('walks a deeply nested value without recursion, and lists at most 20 problems', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextIn(deep)).toHaveLength(1);
    expect(unstorableTextIn(Array(1000).fill('\u0000'))).toHaveLength(20);
  });

  it('leaves binary data alone', () => {
    expect(unstorableTextIn({ update: new Uint8Array([0, 0, 0]), buf: Buffer.from([0]) })).toEqual([]);
  });
});

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();

  it('refuses unstorable text in any body, query or parameter, before and whatever the DTO, naming the field', async () => {
    const refusal = (value: unknown, metadata: Parameters<typeof pipe.transform>[1]) =>
      pipe.transform(value, metadata).then(
        () => null,
        (error: unknown) => error,
      );
    const body = await refusal({ title: 'a\u0000', extra: 1 }, { type: 'body', metatype: TitleDto });
    expect(body).toBeInstanceOf(AppError);
    expect(body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid request: title',
      details: [{ field: 'title', messages: [expect.stringContaining('NUL')] }],
    });
    // No DTO: nothing else would look at it.
    expect(await refusal({ note: 'x\ud800' }, { type: 'body', metatype: Object })).toMatchObject({
      details: [{ field: 'note' }],
    });
    expect(await refusal('a\u0000', { type: 'param', data: 'slug', metatype: String })).toMatchObject({
      details: [{ field: 'slug' }],
    });
    expect(await refusal({ cursor: '\u0000' }, { type: 'query', metatype: Object })).toMatchObject({
      details: [{ field: 'cursor' }],
    });
    expect(await refusal({ title: 'Grüße 😀' }, { type: 'body', metatype: TitleDto })).toBeNull();
  });
});
