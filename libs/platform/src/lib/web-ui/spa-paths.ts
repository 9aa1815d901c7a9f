import path from 'node:path';

/** Paths every app keeps for itself (API, docs, probes): never answered with the UI. */
export const SERVER_PREFIXES = ['/api', '/health'];

export type SpaTarget =
  /** not ours: let the app's 404 (JSON error body) answer */
  | { kind: 'not-found' }
  /** a built file, e.g. /assets/index-3f2a.js */
  | { kind: 'file'; file: string; immutable: boolean }
  /** a client-side route such as /audit: the app shell decides what to show */
  | { kind: 'index' };

/**
 * Decides how a GET outside the API is answered. A path with a file extension is a file or a
 * 404 (a missing script must not be answered with HTML); any other path is a screen of the
 * single-page app, answered with index.html so deep links and reloads work.
 */
export function spaTarget(
  urlPath: string,
  fileExists: (relative: string) => boolean,
  serverPrefixes: readonly string[] = SERVER_PREFIXES,
): SpaTarget {
  const pathname = decodePath(urlPath.split('?')[0] ?? '/');
  if (pathname === null) return { kind: 'not-found' };
  if (serverPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`)))
    return { kind: 'not-found' };
  const relative = path.posix.normalize(pathname).replace(/^\/+/, '');
  // normalize() resolved any "..": what is left must stay inside the build folder
  if (relative.startsWith('..')) return { kind: 'not-found' };
  if (relative !== '' && relative !== 'index.html' && fileExists(relative)) {
    return { kind: 'file', file: relative, immutable: relative.startsWith('assets/') };
  }
  if (path.posix.extname(relative) !== '') return { kind: 'not-found' };
  return { kind: 'index' };
}

function decodePath(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}
