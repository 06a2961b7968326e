/**
 * 3: files sent with a message (CSV exports…), uploaded by the sender just before sending.
 */
export const migration003 = `
  ALTER TABLE outbox ADD COLUMN attachment BLOB;
  ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
  ALTER TABLE outbox ADD COLUMN attachment_type TEXT;
  `;
