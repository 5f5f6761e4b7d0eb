-- Liaison history (联络服务的历史): every plan applied, and for each assignment the plan that
-- started it, the plan that ended it and why. Together with started_at/ended_at of 0040 this
-- answers "who served this enterprise in March 2025". Rows are still never deleted.
CREATE TABLE liaison_plans (
  id INTEGER PRIMARY KEY,
  digest TEXT NOT NULL,                 -- SHA-256 of the plan as reviewed (liaison_service/plan_digest.h)
  planned_on TEXT NOT NULL,             -- YYYY-MM-DD in Asia/Shanghai: the day officials' terms were checked on
  applied_at BIGINT NOT NULL,           -- Unix ms
  applied_by_user_id BIGINT,            -- NULL: the command line or the server itself
  applied_by_login TEXT NOT NULL DEFAULT '',
  kept BIGINT NOT NULL DEFAULT 0,
  added BIGINT NOT NULL DEFAULT 0,
  moved BIGINT NOT NULL DEFAULT 0,
  ended BIGINT NOT NULL DEFAULT 0,
  uncovered BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX liaison_plans_applied ON liaison_plans(applied_at);

ALTER TABLE liaison_assignments ADD COLUMN plan_id BIGINT REFERENCES liaison_plans(id);
ALTER TABLE liaison_assignments ADD COLUMN ended_plan_id BIGINT REFERENCES liaison_plans(id);
ALTER TABLE liaison_assignments ADD COLUMN end_reason TEXT;  -- liaison::EndReason name; NULL while active

-- Exactly one active liaison per enterprise (全覆盖 means one, not several): replaces the plain
-- index of 0040 on the same column.
DROP INDEX liaison_assignments_enterprise_active;
CREATE UNIQUE INDEX liaison_assignments_one_active ON liaison_assignments(enterprise_id) WHERE ended_at IS NULL;
-- History by enterprise and by official, for "at a date" and "in a period" questions.
CREATE INDEX liaison_assignments_enterprise_history ON liaison_assignments(enterprise_id, started_at);
CREATE INDEX liaison_assignments_official_history ON liaison_assignments(official_id, started_at);

-- 亲清: an official never starts serving an enterprise they declared a conflict of interest with.
CREATE TRIGGER liaison_assignments_no_conflict BEFORE INSERT ON liaison_assignments
WHEN EXISTS (SELECT 1 FROM official_conflicts c
             WHERE c.official_id = NEW.official_id AND c.enterprise_id = NEW.enterprise_id)
BEGIN
  SELECT RAISE(ABORT, 'liaison.conflict_of_interest: the official declared a conflict of interest with the enterprise');
END;
