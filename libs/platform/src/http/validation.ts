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

/** The global validation pipe: unknown fields are refused, each problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const fields = details.map((d) => d.field).join(', ');
      return AppError.validation(`Invalid request: ${fields}`, details);
    },
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

/** `@Param('id', UuidPipe)`: a malformed id is 400 VALIDATION_FAILED; a well-formed one arrives in lower case. */
export const UuidPipe: ParseUUIDPipe = new LowerCaseUuidPipe({
  exceptionFactory: () => AppError.validation('Malformed id: expected a UUID'),
});

/** `IsUUID` for an id in a body or query, which then arrives in lower case like the ids of `UuidPipe`. */
export const IsUuid = (): PropertyDecorator => (target, property) => {
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))(
    target,
    property,
  );
  IsUUID()(target, property);
};
