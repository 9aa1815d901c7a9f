import { createHash } from 'node:crypto';

/** A stable UUID-shaped id for nested objects we store without one (a language, a schedule). */
export const derivedId = (...parts: string[]) => {
  const h = createHash('sha1').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
