import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { users } from './org.ts';

// API keys: long random secrets, so a plain SHA-256 of the key is enough to look one up and verify it
// (no bcrypt: nothing to brute-force). The key itself is shown once, at creation; the prefix is for lists.
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** the first characters of the key (e.g. dw_k3Jx9a), shown in lists so a person can tell keys apart */
    prefix: text('prefix').notNull(),
    /** hex SHA-256 of the whole key */
    keyHash: text('key_hash').notNull(),
    /** who created it; null when the operator did (the CLI owning the store) */
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_user_idx').on(t.userId)],
);

// Systems that call the webhooks. The HMAC needs the secret itself, so it is stored as-is (like any
// service credential the server must present or verify); each source acts as one user.
export const webhookSources = pgTable(
  'webhook_sources',
  {
    id: id(),
    /** what the sender puts in X-Dealwise-Source */
    name: text('name').notNull(),
    secret: text('secret').notNull(),
    /** the user a signed delivery acts as (its role and scope decide what it may write) */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('webhook_sources_name_uq').on(t.name)],
);
