-- Attachments of requests (附件): one row per file attached, written in the transaction of the
-- request's `attach` event (seq) that records the same facts on the hash-chained timeline. The
-- bytes live outside the database, content-addressed in the data directory
-- (<data_dir>/attachments/<sha256[0:2]>/<sha256>, see src/attachments/blob_store.h): the same
-- content attached twice is stored once, and two rows then name one blob.
CREATE TABLE request_attachments (
  id INTEGER PRIMARY KEY,
  request_id BIGINT NOT NULL REFERENCES requests(id),
  seq BIGINT NOT NULL,                -- the attach event of request_events
  file_name TEXT NOT NULL,            -- as the uploader gave it (last path segment, cleaned)
  media_type TEXT NOT NULL,           -- sniffed from the content (libmagic), never from the name
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,               -- lower-case hex: the blob's name
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  uploaded_at BIGINT NOT NULL         -- Unix milliseconds, UTC
);
CREATE INDEX request_attachments_by_request ON request_attachments (request_id, id);
CREATE INDEX request_attachments_by_sha256 ON request_attachments (sha256);
