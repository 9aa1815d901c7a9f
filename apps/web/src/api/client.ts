/** One field-level reason, as every gateway error body carries them. */
export interface FieldDetail {
  field: string;
  reason: string;
}

/** A non-2xx answer, in the gateway's one error shape `{ statusCode, error, message, details[] }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: FieldDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Reasons by field name, for inline messages next to form inputs. */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, reason } of this.details) byField[field] ??= reason;
    return byField;
  }
}

export type QueryValue = string | number | boolean | undefined | null;

/** `?a=1&b=x` from the given values, leaving out empty ones; '' when none are left. */
export function toQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface ApiClientOptions {
  /** Prefix of every path; the gateway serves the UI on its own origin, so '/api/v1'. */
  baseUrl?: string;
  token?: () => string | null;
  /** Called when a signed-in request answers 401: the token expired or the account was disabled. */
  onUnauthorized?: () => void;
  fetchFn?: typeof fetch;
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetchFn ?? ((input, init) => fetch(input, init));

  async function send<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const token = options.token?.() ?? null;
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'Linkway could not be reached. Check your connection and try again.');
    }
    if (response.status === 401 && token) options.onUnauthorized?.();
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    get: (path, query = {}) => send('GET', `${path}${toQuery(query)}`),
    post: (path, body, headers) => send('POST', path, body, headers),
    patch: (path, body) => send('PATCH', path, body),
    put: (path, body) => send('PUT', path, body),
  };
}

async function errorOf(response: Response): Promise<ApiError> {
  const fallback = STATUS_MESSAGES[response.status] ?? `The request failed (${response.status}).`;
  try {
    const body = (await response.json()) as { message?: unknown; details?: unknown };
    const details = Array.isArray(body.details)
      ? body.details.filter(
          (d): d is FieldDetail =>
            typeof d === 'object' &&
            d !== null &&
            typeof (d as FieldDetail).field === 'string' &&
            typeof (d as FieldDetail).reason === 'string',
        )
      : [];
    const message =
      STATUS_MESSAGES[response.status] ?? (typeof body.message === 'string' ? body.message : fallback);
    return new ApiError(response.status, message, details);
  } catch {
    return new ApiError(response.status, fallback);
  }
}

/** Plain-English messages for statuses whose server wording is not meant for people. */
const STATUS_MESSAGES: Record<number, string> = {
  403: 'Your role cannot do this.',
  429: 'Too many attempts. Wait a minute and try again.',
  500: 'Something went wrong on the server. Try again; if it keeps happening, tell your hub manager.',
  503: 'A hub service is not running. Try again in a minute.',
  504: 'A hub service took too long to answer. Try again.',
};
