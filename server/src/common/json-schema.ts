import { z } from 'zod';

/** A request body schema as OpenAPI shows it (what clients send, before defaults). */
export const schema = (s: z.ZodType): object => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as object;
