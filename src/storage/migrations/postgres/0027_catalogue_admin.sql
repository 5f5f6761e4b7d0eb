-- Administrators edit the category catalogue and the working-day calendar (see
-- src/requests_service/catalogue.cc).
--
-- A request keeps the deadline policy of its category as it was when the request was filed (or
-- given another category at acceptance or routing): an administrator's later change applies to
-- new requests, not to deadlines already promised. NULL: the category's current policy (rows
-- written before this column, or by the results history generator).
ALTER TABLE requests ADD COLUMN policy_reply_days INTEGER;
ALTER TABLE requests ADD COLUMN policy_urgent_hours INTEGER;
UPDATE requests SET
  policy_reply_days = (SELECT c.reply_days FROM categories c WHERE c.code = requests.category_code),
  policy_urgent_hours = (SELECT c.urgent_hours FROM categories c WHERE c.code = requests.category_code);

-- A year may be listed without being covered (a draft before the State Council's notice), and
-- every change of a year bumps its revision, so that each server of a cluster notices a calendar
-- edited through another one and reloads it.
ALTER TABLE calendar_years ADD COLUMN covered INTEGER NOT NULL DEFAULT 1 CHECK (covered IN (0, 1));
ALTER TABLE calendar_years ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
