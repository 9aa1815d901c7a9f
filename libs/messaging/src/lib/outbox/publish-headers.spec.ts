import { buildPublishHeaders, headerValue } from './publish-headers';
import { publishErrorMessage } from './outbox-relay';

describe(buildPublishHeaders.name, () => {
  it('returns no headers for an empty row', () => {
    expect(buildPublishHeaders({})).toEqual({ headers: undefined, dropped: [] });
    expect(buildPublishHeaders(null)).toEqual({ headers: undefined, dropped: [] });
  });

  it('keeps valid headers and drops reserved or malformed ones', () => {
    const { headers, dropped } = buildPublishHeaders({
      'Linkway-Correlation-Id': 'abc',
      'Nats-Msg-Id': 'forged',
      'bad name': 'x',
      'X-Count': 3,
      'X-Null': null,
    });
    expect(headers?.get('Linkway-Correlation-Id')).toBe('abc');
    expect(headers?.get('X-Count')).toBe('3');
    expect(headers?.has('Nats-Msg-Id')).toBe(false);
    expect(dropped).toEqual(['Nats-Msg-Id', 'bad name', 'X-Null']);
  });

  it('puts values on one line, so a newline cannot forge another header', () => {
    expect(headerValue('a\r\nNats-Msg-Id: x')).toBe('a Nats-Msg-Id: x');
    expect(headerValue('x'.repeat(2_000)).length).toBe(1_024);
  });
});

describe(publishErrorMessage.name, () => {
  it('says what a bare 503 from JetStream means', () => {
    expect(publishErrorMessage({ code: '503', message: '503' })).toBe('no stream captures this subject (503 no responders)');
    expect(publishErrorMessage(new Error('boom'))).toBe('boom');
  });
});
