import { JsonReply, NatsReplySerializer } from './json-reply';

const sut = new NatsReplySerializer();
const text = (packet: Record<string, unknown>) => Buffer.from(sut.serialize(packet).data).toString();

describe(NatsReplySerializer.name, () => {
  const value = { items: [{ name: 'Walking football', note: 'é "quoted"' }], total: 1 };

  it('writes a one-shot JsonReply as the bytes JSON.stringify gives for its value', () => {
    const packet = { response: new JsonReply(JSON.stringify(value)), isDisposed: true, id: 'r-1' };
    expect(text(packet)).toBe(JSON.stringify({ response: value, isDisposed: true, id: 'r-1' }));
  });

  it('writes a JsonReply in any other packet as its value (a stream part, no id)', () => {
    const part = { response: new JsonReply(JSON.stringify(value)), id: 'r-2' };
    expect(JSON.parse(text(part))).toEqual({ response: value, id: 'r-2' });
    const noId = { response: new JsonReply('[1]'), isDisposed: true };
    expect(JSON.parse(text(noId))).toEqual({ response: [1], isDisposed: true });
  });

  it('writes every other packet as JSON, as Nest does', () => {
    const error = { err: { code: 'NOT_FOUND', message: 'no' }, isDisposed: true, id: 'r-3' };
    expect(text(error)).toBe(JSON.stringify(error));
    expect(sut.serialize(error).headers).toBeUndefined();
    expect(text({ response: value, isDisposed: true, id: 'r-4' })).toBe(
      JSON.stringify({ response: value, isDisposed: true, id: 'r-4' }),
    );
  });
});
