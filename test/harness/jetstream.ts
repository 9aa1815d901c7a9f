/** Reads a JetStream stream back, message by message, to count what was really published. */
import { connect, type MsgHdrs } from 'nats';

export interface StoredMessage {
  seq: number;
  subject: string;
  msgId: string | undefined;
  data: string;
}

export async function readStream(natsUrl: string, stream: string): Promise<StoredMessage[]> {
  const nc = await connect({ servers: natsUrl, timeout: 5_000 });
  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(stream);
    const out: StoredMessage[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      try {
        const m = await jsm.streams.getMessage(stream, { seq });
        out.push({
          seq,
          subject: m.subject,
          msgId: (m.header as MsgHdrs | undefined)?.get('Nats-Msg-Id') || undefined,
          data: m.string(),
        });
      } catch {
        // deleted sequence
      }
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** How many values occur more than once (each extra copy counts). */
export const extraCopies = (values: string[]) => values.length - new Set(values).size;
