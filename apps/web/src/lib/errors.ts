/**
 * A refusal or failure in the reader's language, saying what is wrong and what to do. The api's messages are
 * English and meant for developers; the client words what it recognises: the precise rule (`reason`), each field's
 * problem (`details`), the contract's code; a failed request that never reached the api is a lost connection.
 */
import { t, tMaybe, type MessageKey } from './i18n';
import { HttpError, SessionExpiredError } from './session';

export function errorMessage(error: unknown): string {
  if (error instanceof HttpError) {
    if (error.status === 429 && error.retryAfterSeconds)
      return t('rateLimited', { seconds: error.retryAfterSeconds });
    return (
      (error.reason && tMaybe(`reason_${error.reason}`)) ||
      detailsText(error.details) ||
      tMaybe(`code_${error.code}`) ||
      (error.status >= 500 ? t('code_INTERNAL_ERROR') : error.message)
    );
  }
  if (error instanceof SessionExpiredError) return t('sessionExpired');
  if (isConnectionLost(error)) return t('connectionLost');
  return error instanceof Error ? error.message : String(error);
}

/** A link that leads nowhere: nothing there, not for this person (the api does not tell which), or a broken id. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof HttpError &&
    (error.status === 404 || error.status === 403 || error.reason === 'MALFORMED_ID')
  );
}

/** fetch() and a lazily loaded module reject with a TypeError when the request never got an answer. */
function isConnectionLost(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

type Problem = 'blank' | 'tooShort' | 'tooLong' | 'email' | 'future' | 'date' | 'choice' | 'number';

/**
 * Which problem a field's messages name. They are class-validator's default wording (and the api's own few, in the
 * same style); the first pattern that matches wins, its number (a length limit) goes into the text.
 */
const PROBLEMS: Array<[Problem, RegExp]> = [
  ['blank', /must not be blank|should not be empty|should not be null or undefined/i],
  ['tooShort', /longer than or equal to (\d+)|at least (\d+) characters/i],
  ['tooLong', /shorter than or equal to (\d+)|at most (\d+) characters/i],
  ['email', /must be an? (?:valid )?email/i],
  ['future', /\bfuture\b/i],
  ['date', /ISO.?8601|\bdate\b/i],
  ['choice', /one of the following values/i],
  ['number', /\bnumber\b|\binteger\b|less than|greater than/i],
];

function problemOf(messages: unknown[]): { problem: Problem; limit?: string } | undefined {
  for (const [problem, pattern] of PROBLEMS) {
    for (const message of messages) {
      const match = typeof message === 'string' ? pattern.exec(message) : null;
      if (match) return { problem, limit: match[1] ?? match[2] };
    }
  }
  return undefined;
}

/** One sentence per problem the details list (`[{field, messages}]` or `[{field, reason}]`), or undefined. */
function detailsText(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  const texts = details.map(detailText).filter((text): text is string => !!text);
  return texts.length ? [...new Set(texts)].join(' ') : undefined;
}

function detailText(detail: unknown): string | undefined {
  if (!detail || typeof detail !== 'object') return undefined;
  const { field, messages, reason } = detail as { field?: unknown; messages?: unknown; reason?: unknown };
  if (typeof field !== 'string') return undefined;
  const name = field.split('.').pop() ?? field;
  if (typeof reason === 'string') return tMaybe(`detail_${name}_${reason}`);
  const found = Array.isArray(messages) ? problemOf(messages) : undefined;
  if (found?.problem === 'email') return t('problem_email');
  const label = tMaybe(`field_${name}`);
  // A field the reader cannot see by that name (the client's own mistake): the generic request to check the input.
  if (!label) return undefined;
  const key: MessageKey = `problem_${found?.problem ?? 'other'}`;
  return t(key, { field: label, count: found?.limit ?? '' });
}
