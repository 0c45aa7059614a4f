import type { ParsedEmail } from './parse.ts';

// Thread keys: a Gmail thread id when the export has one ("gmail:<id>"); otherwise the thread of the
// nearest parent already seen (In-Reply-To, then References from the nearest back), looked up in this
// run first and in the store second, so a reply imported months later joins its thread; otherwise the
// root of References ("msg:<root id>"), or the message's own id for a thread starter.
// A reply that arrives before its parent names the parent as root ("msg:<parent>"); when the parent
// then arrives with a longer ancestry, `rekey` says to move "msg:<parent>" onto the parent's thread.

export type ThreadLookup = (messageIds: string[]) => Promise<Map<string, string>>;

export interface ThreadKey {
  key: string | null;
  /** earlier messages keyed under `from` belong to thread `to` */
  rekey: { from: string; to: string } | null;
}

export class ThreadResolver {
  private readonly known = new Map<string, string>();
  /** message ids used as a provisional root before the message itself was seen */
  private readonly provisional = new Set<string>();

  constructor(private readonly lookup: ThreadLookup) {}

  async keyFor(email: Pick<ParsedEmail, 'messageId' | 'inReplyTo' | 'references' | 'gmailThreadId'>): Promise<ThreadKey> {
    let key: string | null = null;
    if (email.gmailThreadId) key = `gmail:${email.gmailThreadId}`;
    else {
      const parents = [...new Set([email.inReplyTo, ...[...email.references].reverse()].filter((p): p is string => !!p && p !== email.messageId))];
      key = parents.map((p) => this.known.get(p)).find((k) => k !== undefined) ?? null;
      if (!key && parents.length > 0) {
        const stored = await this.lookup(parents);
        key = parents.map((p) => stored.get(p)).find((k) => k !== undefined) ?? null;
      }
      const root = email.references[0] ?? email.inReplyTo ?? email.messageId;
      if (!key && root) {
        key = `msg:${root}`;
        if (root !== email.messageId) this.provisional.add(root);
      }
    }
    let rekey: ThreadKey['rekey'] = null;
    if (email.messageId && key) {
      const own = `msg:${email.messageId}`;
      if (this.provisional.has(email.messageId) && key !== own) {
        rekey = { from: own, to: key };
        for (const [id, k] of this.known) if (k === own) this.known.set(id, key);
      }
      this.provisional.delete(email.messageId);
      this.known.set(email.messageId, key);
    }
    return { key, rekey };
  }
}
