import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { givenDraft } from '../drafts/draft-support';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  minLength?: number;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * A plausible value of a schema (its required properties only, for objects): the body a client would send. The
 * document gives no formats for validated strings, so names decide: `…Id` is the fixture's id of that name (or a
 * random one), `email` an address, `end` lies past `start`.
 */
function plausible(
  schema: Schema | undefined,
  spec: OpenApi,
  ids: Record<string, string>,
  depth = 0,
  name = '',
): unknown {
  if (!schema || depth > 4) return undefined;
  const deeper = (inner: Schema | undefined, key = name) => plausible(inner, spec, ids, depth + 1, key);
  if (schema.$ref) return deeper(spec.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length) return deeper(schema.allOf[0]);
  if (schema.enum?.length) return schema.enum[0];
  if (name.endsWith('Id')) return ids[name] ?? randomUUID();
  if (name === 'email') return `sweep-${randomUUID().slice(0, 8)}@example.org`;
  if (name === 'end') return 4;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 0, 1);
    case 'boolean':
      return true;
    case 'array':
      return [deeper(schema.items, '')];
    case 'string':
      if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      return 'Ein Text für alle'.padEnd(schema.minLength ?? 0, '.');
    default: {
      const body: Record<string, unknown> = {};
      for (const key of schema.required ?? []) body[key] = deeper(schema.properties?.[key], key);
      return body;
    }
  }
}

/** A supertest caller indexed by the document's lower-case method names (`get`, `post`, …). */
function byMethod(caller: object): Record<string, (path: string) => request.Test> {
  return caller as Record<string, (path: string) => request.Test>;
}

/** Odd values for every body property: wrong types, out of range, empty, huge, nested, NUL. */
const ODD_VALUES: unknown[] = [
  1e20,
  -1,
  1e308,
  1.5,
  true,
  null,
  '',
  '\u0000',
  'x'.repeat(5000),
  '99999999999999999999',
  {},
  { $gt: 1 },
  [],
  [1, 2],
];
/** Odd values for every query parameter (and each parameter given twice). */
const ODD_QUERY = [
  '99999999999999999999',
  '-1',
  '1.5',
  '1e400',
  'NaN',
  'true',
  '[]',
  '{}',
  '%00',
  'x'.repeat(3000),
];

/**
 * Every route of the OpenAPI document, as the owner of a group with a topic, thread, post and draft (the path's
 * ids are theirs, others random), with odd query values and odd values for each body property: never a 5xx, and
 * every refusal in the contract's error body. Found PATCHes that passed `null` on to the database, and an `after`
 * beyond PostgreSQL's int.
 */
describe('every route, odd input: a 4xx in the contract’s body, never a 5xx', () => {
  let app: TestApp;
  let group: TestGroup;
  let outsider: TestUser;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    ids.groupId = group.id;
    ids.topicId = (await givenTopic(app, group)).id;
    ids.threadId = (await givenThread(app, group.owner, ids.topicId)).id;
    ids.postId = (await givenPost(app, group.people.member, ids.threadId)).id;
    ids.draftId = (await givenDraft(app, group.owner, ids.topicId, 'Eins zwei drei vier.')).id;
    ids.userId = group.people.member.id;
    const member = as(app, group.people.member);
    const draft = `/api/v1/drafts/${ids.draftId}`;
    ids.commentId = (await member.post(`${draft}/comments`).send({ body: 'Eine Frage' }).expect(201)).body.id;
    ids.suggestionId = (
      await member
        .post(`${draft}/suggestions`)
        .send({ anchor: { start: 0, end: 4 }, replacement: 'Erst', rationale: 'Klarer' })
        .expect(201)
    ).body.id;
    ids.flagId = (
      await member.post(`/api/v1/posts/${ids.postId}/flags`).send({ reason: 'Prüfen' }).expect(201)
    ).body.id;
    outsider = await givenUser(app);
  });
  afterAll(() => app.close());

  it('sweeps the OpenAPI document', async () => {
    const spec = (await request(app.url).get('/api/docs-json').expect(200)).body as OpenApi;
    const problems: string[] = [];
    let requests = 0;
    const send = async (method: string, url: string, body?: unknown) => {
      const caller = byMethod(as(app, group.owner));
      const res =
        body === undefined ? await caller[method](url) : await caller[method](url).send(body as object);
      requests++;
      const what = `${method.toUpperCase()} ${url.slice(0, 100)} ${JSON.stringify(body)?.slice(0, 80) ?? ''}`;
      if (res.status >= 500)
        problems.push(`${res.status} ${what}: ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (res.status >= 400) {
        const error = res.body as { statusCode?: unknown; code?: unknown; message?: unknown };
        if (
          error.statusCode !== res.status ||
          typeof error.code !== 'string' ||
          typeof error.message !== 'string'
        )
          problems.push(`${res.status} without the contract's body: ${what}`);
      }
    };
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => ids[name] ?? randomUUID());
        for (const name of (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)) {
          for (const value of ODD_QUERY) await send(method, `${url}?${name}=${encodeURIComponent(value)}`);
          await send(method, `${url}?${name}=1&${name}=2`);
        }
        if (!['post', 'put', 'patch'].includes(method)) continue;
        const ref = Object.values(operation.requestBody?.content ?? {})[0]?.schema?.$ref;
        const schema = ref ? spec.components.schemas[ref.split('/').pop()!] : undefined;
        await send(method, url, []);
        await send(method, url, 'text');
        for (const property of Object.keys(schema?.properties ?? {}))
          for (const value of ODD_VALUES) await send(method, url, { [property]: value });
      }
    }
    expect(problems).toEqual([]);
    // The sweep reached the routes (a broken document or fixture would make it vacuous).
    expect(Object.keys(spec.paths).length).toBeGreaterThan(40);
    expect(requests).toBeGreaterThan(1000);
  }, 120_000);

  it('someone outside the group gets a refusal from every route on its resources, and nobody gets in without a token', async () => {
    const spec = (await request(app.url).get('/api/docs-json').expect(200)).body as OpenApi;
    const OWN = /\{(groupId|topicId|threadId|postId|draftId)\}/;
    const problems: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!OWN.test(path)) continue;
      const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => ids[name] ?? randomUUID());
      for (const method of Object.keys(methods)) {
        const caller = byMethod(as(app, outsider));
        const res = await caller[method](url).send({});
        checked++;
        if (res.status < 400 || res.status >= 500 || ![400, 403, 404].includes(res.status))
          problems.push(`outsider: ${res.status} ${method.toUpperCase()} ${path}`);
        const nobody = byMethod(request(app.url));
        const anonymous = await nobody[method](url).send({});
        if (anonymous.status !== 401)
          problems.push(`no token: ${anonymous.status} ${method.toUpperCase()} ${path}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('a plausible body with one odd property reaches deeper and still gets a 4xx, never a 5xx', async () => {
    const spec = (await request(app.url).get('/api/docs-json').expect(200)).body as OpenApi;
    const problems: string[] = [];
    let requests = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        const schema = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
        const base = plausible(schema, spec, ids);
        if (!base || typeof base !== 'object' || Array.isArray(base)) continue;
        const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => ids[name] ?? randomUUID());
        const caller = byMethod(as(app, group.owner));
        for (const property of Object.keys(base)) {
          for (const value of ODD_VALUES) {
            const body = { ...base, [property]: value };
            const res = await caller[method](url).send(body);
            requests++;
            if (res.status >= 500)
              problems.push(
                `${res.status} ${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 120)}: ${JSON.stringify(res.body).slice(0, 120)}`,
              );
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(requests).toBeGreaterThan(200);
  }, 120_000);
});
