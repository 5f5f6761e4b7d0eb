-- Directory: regions, departments, officials, enterprises (see src/directory/model.h).
CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('city', 'district', 'county', 'zone')),
  parent_id BIGINT REFERENCES regions(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_id);

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  region_id BIGINT NOT NULL REFERENCES regions(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX departments_region ON departments(region_id);

-- The request categories a department handles (its line of the 派单目录).
CREATE TABLE department_categories (
  department_id BIGINT NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  category_code TEXT NOT NULL,
  PRIMARY KEY (department_id, category_code)
);

CREATE TABLE enterprises (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES regions(id),
  address TEXT NOT NULL DEFAULT '',
  industry_code TEXT NOT NULL,
  industry_section TEXT NOT NULL,
  above_scale INTEGER NOT NULL DEFAULT 0 CHECK (above_scale IN (0, 1)),
  is_key INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)),
  employees BIGINT NOT NULL DEFAULT 0 CHECK (employees >= 0),
  annual_revenue BIGINT NOT NULL DEFAULT 0 CHECK (annual_revenue >= 0),
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX enterprises_region ON enterprises(region_id);
CREATE INDEX enterprises_industry ON enterprises(industry_code);
CREATE INDEX enterprises_name ON enterprises(name);

CREATE TABLE officials (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  rank TEXT NOT NULL CHECK (rank IN ('city', 'district')),
  region_id BIGINT NOT NULL REFERENCES regions(id),
  department_id BIGINT REFERENCES departments(id),
  title TEXT NOT NULL DEFAULT '',
  liaison_capacity BIGINT NOT NULL DEFAULT 0 CHECK (liaison_capacity >= 0),
  industries TEXT NOT NULL DEFAULT '',          -- GB/T 4754 division codes, comma-separated
  active_from TEXT NOT NULL,                     -- YYYY-MM-DD
  active_to TEXT,                                -- YYYY-MM-DD, inclusive; NULL: still active
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX officials_region ON officials(region_id);

-- Declared conflicts of interest (亲清): the official must never serve the enterprise.
CREATE TABLE official_conflicts (
  official_id BIGINT NOT NULL REFERENCES officials(id) ON DELETE CASCADE,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (official_id, enterprise_id)
);
