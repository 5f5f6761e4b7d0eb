-- Direct-line requests (诉求): the category catalogue (派单目录), the requests as a projection of
-- their event timelines, co-handling departments, the append-only hash-chained timeline, and the
-- working-day calendar the deadlines are counted on (see src/requests_service/).
CREATE TABLE categories (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  department_id BIGINT REFERENCES departments(id),  -- the default handling department; NULL: none yet
  reply_days INTEGER NOT NULL DEFAULT 5 CHECK (reply_days > 0),
  urgent_hours INTEGER NOT NULL DEFAULT 24 CHECK (urgent_hours > 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);
INSERT INTO categories (code, name, name_en, reply_days, urgent_hours, sort_order) VALUES
  ('labour', '用工招工', 'Labour and hiring', 5, 24, 1),
  ('finance', '融资信贷', 'Finance and credit', 5, 24, 2),
  ('land', '用地规划', 'Land use and planning', 10, 48, 3),
  ('environment', '环评审批', 'Environmental assessment', 10, 48, 4),
  ('power', '供电用电', 'Power supply', 3, 12, 5),
  ('tax', '税费政策', 'Taxes and fees', 5, 24, 6),
  ('market_access', '市场准入', 'Market access', 5, 24, 7),
  ('technology', '科技项目', 'Technology projects', 10, 48, 8),
  ('transport', '物流交通', 'Logistics and transport', 5, 24, 9),
  ('safety', '安全生产', 'Workplace safety', 3, 12, 10),
  ('approvals', '审批服务', 'Approval services', 5, 24, 11),
  ('other', '其他', 'Other', 5, 24, 12);

CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  enterprise_id BIGINT REFERENCES enterprises(id),   -- NULL for citizens
  region_id BIGINT REFERENCES regions(id),           -- the enterprise's region at intake
  submitter_user_id BIGINT NOT NULL REFERENCES users(id),
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  category_code TEXT,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  location TEXT,
  priority TEXT NOT NULL DEFAULT 'normal',
  status TEXT NOT NULL,
  handling_department_id BIGINT REFERENCES departments(id),
  handler_user_id BIGINT,
  liaison_official_id BIGINT REFERENCES officials(id),
  merged_into BIGINT REFERENCES requests(id),
  reply TEXT NOT NULL DEFAULT '',
  rating TEXT,                                      -- level of the current reply's rating
  rectification TEXT NOT NULL DEFAULT 'none',
  appeal TEXT NOT NULL DEFAULT 'none',
  version BIGINT NOT NULL,
  last_hash TEXT NOT NULL,
  submitted_at BIGINT NOT NULL,
  accepted_at BIGINT,
  routed_at BIGINT,
  signed_at BIGINT,
  replied_at BIGINT,
  rated_at BIGINT,
  rectified_at BIGINT,
  closed_at BIGINT,
  updated_at BIGINT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  accept_due_at BIGINT,
  sign_due_at BIGINT,
  reply_due_at BIGINT,
  rectify_due_at BIGINT,
  current_due_at BIGINT,          -- the due instant of the step the request waits on; NULL: none
  state_json TEXT NOT NULL        -- the domain Request (the fold of the timeline) as JSON
);
CREATE INDEX requests_queue ON requests(handling_department_id, status, reply_due_at);
CREATE INDEX requests_enterprise ON requests(enterprise_id, submitted_at);
CREATE INDEX requests_submitter ON requests(submitter_user_id, submitted_at);
CREATE INDEX requests_region ON requests(region_id, submitted_at);
CREATE INDEX requests_liaison ON requests(liaison_official_id, submitted_at);
CREATE INDEX requests_status_due ON requests(status, current_due_at);
CREATE INDEX requests_submitted ON requests(submitted_at);

CREATE TABLE request_cohandlers (
  request_id BIGINT NOT NULL REFERENCES requests(id),
  department_id BIGINT NOT NULL REFERENCES departments(id),
  PRIMARY KEY (request_id, department_id)
);
CREATE INDEX request_cohandlers_department ON request_cohandlers(department_id);

-- Append-only: each row is one event of a request's timeline, hash-chained to the one before.
CREATE TABLE request_events (
  request_id BIGINT NOT NULL REFERENCES requests(id),
  seq BIGINT NOT NULL,
  action TEXT NOT NULL,
  actor_user_id BIGINT NOT NULL,
  actor_role TEXT NOT NULL,
  at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL,          -- JSON object of strings
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (request_id, seq)
);
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;

-- The working-day calendar: public holidays and make-up workdays (调休), loaded from the built-in
-- data (data/calendar/cn_holidays.csv) on first start, editable by administrators afterwards.
CREATE TABLE calendar_days (
  date TEXT PRIMARY KEY,          -- YYYY-MM-DD, Shanghai calendar day
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0
);
-- The years whose arrangement calendar_days holds completely, with the notice it comes from.
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  source TEXT NOT NULL DEFAULT ''
);
