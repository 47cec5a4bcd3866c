import { z } from 'zod';

const stream = z.string().min(3).max(100);

export const subscribeSchema = z
  .object({ stream, since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() })
  .strict();
export const unsubscribeSchema = z.object({ stream }).strict();
export const authSchema = z.object({ token: z.string().min(1).max(4096) }).strict();
export const typingSchema = z.object({ stream }).strict();
