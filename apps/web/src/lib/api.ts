import { HttpError, session } from './session';

export { HttpError };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call to the api with the session's bearer token; a 401 gets one refresh and one retry. */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  if (!res.ok) throw await HttpError.from(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** The raw response (for downloads): authorised like `api`, never through a URL with a token in it. */
export async function apiBlob(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const res = await send('GET', path);
  if (!res.ok) throw await HttpError.from(res);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const match = /filename="([^"]+)"/.exec(disposition);
  return { blob: await res.blob(), filename: match ? match[1] : null };
}

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const attempt = async (): Promise<Response> => {
    const token = await session.token();
    return fetch(`/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  let res = await attempt();
  if (res.status === 401) {
    await session.refresh();
    res = await attempt();
  }
  return res;
}

/** All pages of a cursor-paginated list (for short lists: members, topics). */
export async function all<T>(path: string, max = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api<Page<T>>(
      'GET',
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** Undefined for a route that does not exist (yet) on this server: optional features hide themselves. */
export async function optional<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof HttpError && (error.status === 404 || error.status === 501)) return undefined;
    throw error;
  }
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
