import type { ChannelKind } from '@rapport/shared';

/** A reply one of the stand-in APIs accepted. */
export interface SentReply {
  kind: ChannelKind;
  /** The customer's platform id (PSID, wa_id, X user id, chat id, Mastodon account id, API customer id). */
  to: string;
  text: string;
  /** The customer message / comment / post it answers, when the request said so. */
  inReplyTo: string | null;
  /** Request path (no query string). */
  path: string;
  body: unknown;
  at: string;
  /** The platform id the simulator gave the reply. */
  id: string;
  public: boolean;
}

const SENT_KEEP = 1000;

/** Every reply the stand-ins accepted, oldest first, for tests and `/_sim/sent`. */
export class SentLog {
  /** Kept in place (never replaced): `Simulator.sent` is this very array. */
  readonly entries: SentReply[] = [];

  constructor(
    private readonly log: (line: string) => void,
    /** Called as each reply is accepted, before it is answered (tests crash Rapport right there). */
    private readonly onReply: (reply: SentReply) => void = () => undefined,
  ) {}

  record(reply: Omit<SentReply, 'at'>): void {
    const entry: SentReply = { ...reply, at: new Date().toISOString() };
    this.entries.push(entry);
    if (this.entries.length > SENT_KEEP) this.entries.splice(0, this.entries.length - SENT_KEEP);
    const preview = reply.text.length > 60 ? `${reply.text.slice(0, 57)}...` : reply.text;
    try {
      this.onReply(entry);
    } catch {
      // A test's hook must not break the stand-in's answer.
    }
    this.log(`← ${reply.kind} reply to ${reply.to || '?'}${reply.public ? ' (public)' : ''}: "${preview}"`);
  }
}
