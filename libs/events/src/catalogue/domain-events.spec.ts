import { canonicalStream, parseStream, streamName } from './domain-events';

describe('stream names', () => {
  const id = '7b0f1a52-8c1e-4a8e-9d3c-0f6d2b8a1c11';
  it('round-trips', () => {
    expect(parseStream(streamName('thread', id))).toEqual({ kind: 'thread', id });
  });
  it('has one spelling: the id in lower case', () => {
    expect(parseStream(`thread:${id.toUpperCase()}`)).toEqual({ kind: 'thread', id });
    expect(canonicalStream(`thread:${id.toUpperCase()}`)).toBe(`thread:${id}`);
    expect(canonicalStream(`thread:${id}`)).toBe(`thread:${id}`);
    expect(canonicalStream(`THREAD:${id}`)).toBeNull();
    expect(canonicalStream('thread:123')).toBeNull();
  });
  it.each(['thread', `nope:${id}`, 'thread:123', `thread:${id}x`, 42, null, `user:${id}:x`])(
    'rejects %p',
    (s) => {
      expect(parseStream(s)).toBeNull();
    },
  );
});
