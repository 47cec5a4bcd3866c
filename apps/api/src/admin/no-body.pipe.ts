import { PipeTransform } from '@nestjs/common';
import { AppError } from '@runde/platform';

/**
 * `@Body(NoBodyPipe)` for a route that takes nothing: no body or `{}` passes; anything else (fields, an array, a
 * JSON string or number) is 400, as the validation pipe refuses unknown fields elsewhere.
 */
export const NoBodyPipe: PipeTransform = {
  transform(value: unknown): undefined {
    const empty =
      value === undefined ||
      (typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length === 0);
    if (!empty) throw AppError.validation('This request takes no body');
    return undefined;
  },
};
