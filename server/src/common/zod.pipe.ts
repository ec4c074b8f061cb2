import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** Describes what is wrong with a body in one readable sentence per problem. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Validates and coerces a body or query with a shared zod schema; a bad one is a 400 naming the field. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) throw new BadRequestException(describeIssues(parsed.error));
    return parsed.data;
  }
}
