-- Contact governance (无事不扰; src/contacts, src/contacts_service): the register of every visit,
-- call, meeting and inspection of an enterprise, quiet periods, and random joint inspection plans
-- (双随机、一公开). Rows of the register are never deleted; the enterprise's rating and its report
-- of a needless contact (扰企) are added to the row.

-- Random inspection plans, first: a contact may carry out one. `document` is the plan as
-- published (pool, excluded, roster, draw; JSON), fixed when it is drawn.
CREATE TABLE inspection_plans (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  algorithm TEXT NOT NULL,
  seed TEXT NOT NULL,
  target_count BIGINT NOT NULL CHECK (target_count > 0),
  starts_on TEXT NOT NULL,                         -- YYYY-MM-DD
  ends_on TEXT NOT NULL,                           -- YYYY-MM-DD, inclusive
  document TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  published_at BIGINT,
  CHECK (starts_on <= ends_on)
);
CREATE INDEX inspection_plans_status ON inspection_plans(status, published_at);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_id BIGINT NOT NULL REFERENCES regions(id),   -- the enterprise's region when registered
  kind TEXT NOT NULL CHECK (kind IN ('visit', 'call', 'meeting', 'inspection')),
  purpose TEXT NOT NULL CHECK (purpose <> ''),
  legal_basis TEXT NOT NULL DEFAULT '',
  contacted_at BIGINT NOT NULL,                     -- Unix ms: when the contact began
  duration_minutes BIGINT NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0),
  outcome TEXT NOT NULL DEFAULT '',
  official_id BIGINT REFERENCES officials(id),
  request_id BIGINT REFERENCES requests(id),
  plan_id BIGINT REFERENCES inspection_plans(id),
  justification TEXT NOT NULL DEFAULT '',
  violations TEXT NOT NULL DEFAULT '[]',            -- JSON: the rules broken (with a justification)
  warnings TEXT NOT NULL DEFAULT '[]',              -- JSON: e.g. the high-frequency warning
  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  rating TEXT,                                      -- the enterprise's rating level
  rating_comment TEXT NOT NULL DEFAULT '',
  rated_at BIGINT,
  report_reason TEXT,                               -- the enterprise's report of a needless contact
  report_request_id BIGINT REFERENCES requests(id), -- the complaint it became
  reported_at BIGINT,
  registered_by BIGINT NOT NULL,                    -- users(id)
  registered_at BIGINT NOT NULL,
  CHECK (kind <> 'inspection' OR legal_basis <> '')
);
-- The last contact per enterprise (coverage report: MAX(contacted_at) GROUP BY enterprise_id)
-- and an enterprise's contacts in a period (the rules' history).
CREATE INDEX contacts_enterprise_time ON contacts(enterprise_id, contacted_at);
CREATE INDEX contacts_time ON contacts(contacted_at);
CREATE INDEX contacts_region_time ON contacts(region_id, contacted_at);
CREATE INDEX contacts_official ON contacts(official_id);
CREATE INDEX contacts_flagged ON contacts(contacted_at) WHERE flagged = 1;

-- The departments in a contact; several: a joint inspection (counted once for the enterprise).
CREATE TABLE contact_departments (
  contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  PRIMARY KEY (contact_id, department_id)
);
CREATE INDEX contact_departments_department ON contact_departments(department_id);

-- 企业宁静期: set by an administrator (approved at once) or requested by the enterprise.
CREATE TABLE quiet_periods (
  id INTEGER PRIMARY KEY,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  starts_on TEXT NOT NULL,                          -- YYYY-MM-DD
  ends_on TEXT NOT NULL,                            -- YYYY-MM-DD, inclusive
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by BIGINT NOT NULL,                     -- users(id)
  decided_by BIGINT,
  decision_note TEXT NOT NULL DEFAULT '',
  decided_at BIGINT,
  created_at BIGINT NOT NULL,
  CHECK (starts_on <= ends_on)
);
CREATE INDEX quiet_periods_enterprise ON quiet_periods(enterprise_id, ends_on);

-- The request category of an enterprise's report of a needless contact (扰企): a complaint,
-- routed by the dispatcher (no default department).
INSERT INTO categories (code, name, name_en, reply_days, urgent_hours, sort_order) VALUES
  ('needless_contact', '涉企检查扰企投诉', 'Needless contact (complaint)', 5, 24, 13);
