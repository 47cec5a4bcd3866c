import { ArgumentMetadata, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID, Matches, ValidateIf } from 'class-validator';
import { AppError } from '../errors/app-error';

/**
 * The largest value of a PostgreSQL `int` column (a post's `seq`, say): a number above it in a query or body is
 * bad input (400), not an overflow in the database (500).
 */
export const PG_INT_MAX = 2_147_483_647;

/** Text that must say something: at least one character that is not white space (a post of three spaces is not). */
/** class-transformer `@Transform`: strings without leading and trailing whitespace, anything else as it came. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export const NotBlank = (): PropertyDecorator => Matches(/\S/, { message: '$property must not be blank' });

/**
 * For the fields of a partial update: like `IsOptional`, but only a missing property is skipped. An explicit `null`
 * is validated like any value (and refused by the type checks), rather than reaching the service as a change.
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

export interface FieldProblem {
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function invalidRequest(details: FieldProblem[]): AppError {
  return AppError.validation(`Invalid request: ${details.map((d) => d.field).join(', ')}`, details);
}

/**
 * Characters PostgreSQL cannot store: NUL (refused in `text`, and as `\u0000` in `json` and `jsonb`) and a UTF-16
 * surrogate without its partner (no UTF-8 spelling: `pg` sends U+FFFD in its place in a text parameter, and
 * `jsonb` refuses its `\ud800` escape). JSON strings can carry both.
 */
// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const UNSTORABLE_ALL = /[\u0000\p{Cs}]/gu;
const UNSTORABLE = new RegExp(UNSTORABLE_ALL.source, 'u');
/** A flood of bad strings is answered with this many problems at most. */
const MAX_TEXT_PROBLEMS = 20;

/** A problem with the text at a path; the path of a deeply nested field is cut short. */
function unstorable(path: string, text: string): FieldProblem {
  const field = (path.length > 200 ? `${path.slice(0, 200)}…` : path) || 'value';
  const what = text.includes('\u0000')
    ? 'the NUL character (\\u0000)'
    : 'a lone UTF-16 surrogate (\\ud800–\\udfff)';
  return { field, messages: [`${field} must not contain ${what}`] };
}

/** A key as a field name can show it (its unstorable characters as escapes). */
const printable = (key: string): string =>
  key.replace(UNSTORABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The strings (values and keys) of a parsed body, query or message that PostgreSQL could not store, each named by
 * its path as the validation pipe names fields (`body`, `items.0.text`; `root`, or else `value`, for the value
 * itself). Walks with a stack of its own, so that a deeply nested body cannot exhaust the call stack. The global
 * validation pipe runs it on every body, query and route parameter.
 */
export function unstorableTextIn(value: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const todo: Array<[unknown, string]> = [[value, root]];
  while (todo.length > 0 && problems.length < MAX_TEXT_PROBLEMS) {
    const [item, path] = todo.pop()!;
    if (typeof item === 'string') {
      if (UNSTORABLE.test(item)) problems.push(unstorable(path, item));
    } else if (typeof item === 'object' && item !== null && !ArrayBuffer.isView(item)) {
      const entries = Array.isArray(item) ? item.entries() : Object.entries(item);
      const children: Array<[unknown, string]> = [];
      for (const [key, child] of entries) {
        const field = path ? `${path}.${printable(String(key))}` : printable(String(key));
        if (typeof key === 'string' && UNSTORABLE.test(key)) problems.push(unstorable(field, key));
        children.push([child, field]);
      }
      // Reversed onto the stack: problems come out in the order of the fields.
      for (let i = children.length - 1; i >= 0; i--) todo.push(children[i]);
    }
  }
  return problems.slice(0, MAX_TEXT_PROBLEMS);
}

/**
 * Refuses unstorable text (see `unstorableTextIn`) in every body, query and route parameter, whatever its type
 * or DTO, before class-validator sees it: a 400 naming the fields, rather than a write that fails in PostgreSQL
 * (and, in the post group commit, a failed batch whose posts are then written one by one).
 */
class StorableTextValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const root = metadata.data ?? (typeof value === 'string' ? metadata.type : '');
      const problems = unstorableTextIn(value, root);
      if (problems.length > 0) throw invalidRequest(problems);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global validation pipe: unknown fields are refused, each problem names its field; text PostgreSQL cannot
 * store is refused first.
 */
export function createValidationPipe(): ValidationPipe {
  return new StorableTextValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidRequest(flatten(errors)),
  });
}

/**
 * Ids are accepted in either case but used in one: lower case, as PostgreSQL spells a uuid. Stream names, Redis
 * keys and event payloads are built from ids as they arrive, so `ABCD…` and `abcd…` must not both get through
 * (`draft:ABCD…` would be a second stream beside `draft:abcd…`, with a seq of its own and no subscribers).
 */
class LowerCaseUuidPipe extends ParseUUIDPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<string | undefined | null> {
    const id = await super.transform(value, metadata);
    return typeof id === 'string' ? id.toLowerCase() : id;
  }
}

/**
 * `@Param('id', UuidPipe)`: a malformed id is 400 VALIDATION_FAILED, reason MALFORMED_ID (a link cut short or
 * mistyped: clients say "this page does not exist"); a well-formed one arrives in lower case.
 */
export const UuidPipe: ParseUUIDPipe = new LowerCaseUuidPipe({
  exceptionFactory: () => AppError.validation('Malformed id: expected a UUID').because('MALFORMED_ID'),
});

/** `IsUUID` for an id in a body or query, which then arrives in lower case like the ids of `UuidPipe`. */
export const IsUuid = (): PropertyDecorator => (target, property) => {
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))(
    target,
    property,
  );
  IsUUID()(target, property);
};
