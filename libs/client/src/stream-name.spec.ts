import { canonicalStream } from './stream-name';

describe('canonicalStream', () => {
  const id = '7b0f1a52-8c1e-4a8e-9d3c-0f6d2b8a1c11';

  it('spells the id of a stream name in lower case, as the server does', () => {
    expect(canonicalStream(`thread:${id.toUpperCase()}`)).toBe(`thread:${id}`);
    expect(canonicalStream(`draft:7B0F1A52-8c1e-4A8E-9d3c-0F6D2B8A1C11`)).toBe(`draft:${id}`);
    expect(canonicalStream(`user:${id}`)).toBe(`user:${id}`);
  });

  it('leaves anything that is not <kind>:<uuid> as it is, for the server to refuse', () => {
    for (const name of ['thread', 'thread:ABC', `thread:${id.toUpperCase()}x`, `a:b:${id.toUpperCase()}`, ''])
      expect(canonicalStream(name)).toBe(name);
    // The kind is not the id: only the id has two spellings.
    expect(canonicalStream(`THREAD:${id.toUpperCase()}`)).toBe(`THREAD:${id}`);
  });
});
