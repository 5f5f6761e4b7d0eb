-- Liaison assignments (联络服务): which official serves which enterprise, from when to when.
-- A row is never deleted: ending an assignment sets ended_at, so the history of who served whom
-- stays. The liaison service writes these rows; the directory reads them to scope a liaison.
CREATE TABLE liaison_assignments (
  id INTEGER PRIMARY KEY,
  official_id BIGINT NOT NULL REFERENCES officials(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  started_at BIGINT NOT NULL,                   -- Unix ms
  ended_at BIGINT,                              -- Unix ms; NULL while active
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- Active assignments, by official (a liaison's enterprises) and by enterprise (its liaisons).
CREATE UNIQUE INDEX liaison_assignments_active ON liaison_assignments(official_id, enterprise_id)
  WHERE ended_at IS NULL;
CREATE INDEX liaison_assignments_enterprise_active ON liaison_assignments(enterprise_id)
  WHERE ended_at IS NULL;
