-- Indexes in the orders the queue page reads (src/requests_service/request_list.cc), so that a
-- page of 50 is the first 50 entries of one index range instead of a sort of every matching
-- request (docs/BENCHMARKS.md, the queue page):
--   a department's requests of one status, newest first        requests_department_status
--   a department's requests, newest first                       requests_department_newest
--   a department's requests, soonest due first (no due: last)   requests_department_due
--   every request, soonest due first (dispatcher, leaders)      requests_due_order
--   every request of one status, newest first                   requests_status_submitted
-- requests_submitted also carries the status, so a search walking it newest first filters by
-- status without reading each row. requests_queue (by reply deadline) was read by nothing.
DROP INDEX requests_queue;
DROP INDEX requests_submitted;
CREATE INDEX requests_submitted ON requests(submitted_at, status);
CREATE INDEX requests_department_status ON requests(handling_department_id, status, submitted_at);
CREATE INDEX requests_department_newest ON requests(handling_department_id, submitted_at);
CREATE INDEX requests_department_due ON requests(handling_department_id, (current_due_at IS NULL), current_due_at);
CREATE INDEX requests_due_order ON requests((current_due_at IS NULL), current_due_at);
CREATE INDEX requests_status_submitted ON requests(status, submitted_at);
