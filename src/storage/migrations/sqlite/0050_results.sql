-- Results (实绩, src/results and src/results_service): the counters of src/results/definitions.h
-- per (unit, Shanghai day), kept by the results observer inside the transaction of every request
-- change, so that a dashboard over any period sums day rows and costs the same whatever the
-- history; and the hot issue alerts raised when a cluster of similar requests grows past the
-- threshold.
CREATE TABLE results_daily (
  unit_kind TEXT NOT NULL,   -- city | region | official | category | department
  unit_id TEXT NOT NULL,     -- '' for the city; region, official or department id; category code
  day INTEGER NOT NULL,      -- yyyymmdd, Shanghai calendar day (a month is day / 100)
  received BIGINT NOT NULL DEFAULT 0,
  sign_due BIGINT NOT NULL DEFAULT 0,
  sign_on_time BIGINT NOT NULL DEFAULT 0,
  closed BIGINT NOT NULL DEFAULT 0,
  solved BIGINT NOT NULL DEFAULT 0,
  closed_unrated BIGINT NOT NULL DEFAULT 0,
  rated_very_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_basically_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_dissatisfied BIGINT NOT NULL DEFAULT 0,
  rated_very_dissatisfied BIGINT NOT NULL DEFAULT 0,
  overdue BIGINT NOT NULL DEFAULT 0,
  reopened BIGINT NOT NULL DEFAULT 0,
  rectified BIGINT NOT NULL DEFAULT 0,
  appealed BIGINT NOT NULL DEFAULT 0,
  appeals_upheld BIGINT NOT NULL DEFAULT 0,
  transferred BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_kind, day, unit_id)
);

-- A hot issue that reached the alert threshold: its first request, the distinct requesters it
-- had then and now, and the departments told (JSON array of ids).
CREATE TABLE results_hot_alerts (
  id INTEGER PRIMARY KEY,
  category_code TEXT NOT NULL,
  leader_request_id BIGINT NOT NULL REFERENCES requests(id),
  title TEXT NOT NULL,
  requesters INTEGER NOT NULL,
  threshold INTEGER NOT NULL,
  department_ids TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX results_hot_alerts_created ON results_hot_alerts(created_at);
CREATE TABLE results_hot_alert_members (
  alert_id BIGINT NOT NULL REFERENCES results_hot_alerts(id),
  request_id BIGINT NOT NULL REFERENCES requests(id),
  requester TEXT NOT NULL,
  PRIMARY KEY (alert_id, request_id)
);
CREATE INDEX results_hot_alert_members_request ON results_hot_alert_members(request_id);
