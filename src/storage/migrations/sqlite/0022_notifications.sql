-- Notifications (src/notify_service/): the outbox, written in the transaction of the request
-- change it tells of; the in-app inbox of each user and the webhook deliveries that a worker
-- fans each outbox row out into; the webhooks administrators register.
CREATE TABLE notification_outbox (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,                 -- "request.route", "request.escalate", …
  request_id BIGINT REFERENCES requests(id),
  event_seq BIGINT,                    -- the timeline event it tells of
  recipients TEXT NOT NULL,            -- JSON array of user ids
  payload TEXT NOT NULL,               -- JSON object: title, title_zh, request, event
  created_at BIGINT NOT NULL,
  dispatched_at BIGINT                 -- NULL until fanned out into inbox items and deliveries
);
CREATE INDEX notification_outbox_pending ON notification_outbox(dispatched_at, id);

CREATE TABLE inbox_items (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  outbox_id BIGINT NOT NULL REFERENCES notification_outbox(id),
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  UNIQUE (user_id, outbox_id)
);
CREATE INDEX inbox_items_user ON inbox_items(user_id, id);
CREATE INDEX inbox_items_unread ON inbox_items(user_id, read_at);

CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,                -- the HMAC-SHA256 key of X-Zhitong-Signature
  topics TEXT NOT NULL DEFAULT '',     -- comma-separated topics; '' = every topic
  description TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  deleted_at BIGINT                    -- deleted webhooks keep their delivery history
);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
  outbox_id BIGINT NOT NULL REFERENCES notification_outbox(id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT NOT NULL DEFAULT 0,  -- a worker holds it until then (several servers)
  last_status INTEGER,                    -- HTTP status of the last attempt; NULL: no answer
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (webhook_id, outbox_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, id);
