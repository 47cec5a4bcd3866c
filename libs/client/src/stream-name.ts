const STREAM = /^([^:]+):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The spelling of a stream name that the server uses: `<kind>:<id in lower case>`. Ids are accepted in either case,
 * but envelopes, presence and typing always name a stream this way, so the client keys its streams by it. Anything
 * else is returned as it is (the server refuses it).
 */
export function canonicalStream(stream: string): string {
  const match = STREAM.exec(stream);
  return match ? `${match[1]}:${match[2].toLowerCase()}` : stream;
}
