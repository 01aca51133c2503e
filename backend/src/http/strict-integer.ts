import { Transform } from 'class-transformer';

/**
 * A query parameter read as an integer only when it is written in digits: Number() would also take
 * "1e2", "0x10", " 5" or "" (0). Anything else becomes NaN, which @IsInt() then refuses by name.
 */
export function StrictInteger(): PropertyDecorator {
  return Transform(({ value }) => {
    if (value === undefined) return undefined;
    return typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : NaN;
  });
}
