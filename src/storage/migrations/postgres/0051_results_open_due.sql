-- The dashboards add the open requests past due to each unit's figures (aggregate_store.cc,
-- OpenOverdueByUnit: status IN (routed, signed, in_progress), current_due_at in the period, grouped
-- by department, region, liaison or category). With (status, current_due_at) alone every such
-- request was read from the table: 141 ms of /rates at 10,000,000 requests with ≈ 190,000 open.
-- The same index with the unit columns answers it from the index alone (22 ms, docs/BENCHMARKS.md);
-- its first two columns still serve the escalation scheduler and the queue's overdue filter.
DROP INDEX requests_status_due;
CREATE INDEX requests_status_due ON requests(status, current_due_at, handling_department_id, region_id,
                                             liaison_official_id, category_code);
