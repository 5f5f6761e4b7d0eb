-- Escalation (督办, src/escalation_service/): one row per ladder step taken, written in the same
-- transaction as the step's `escalate` event. The primary key is the claim: a step of one due
-- time of one round of handling is taken once, whatever the restarts and however many servers
-- share the database (the second insert fails and its transaction, event included, rolls back).
CREATE TABLE request_escalations (
  request_id BIGINT NOT NULL REFERENCES requests(id),
  due_kind TEXT NOT NULL,       -- accept | sign | reply | rectify
  round_at BIGINT NOT NULL,     -- start of the round: submission, routing or rating (ms)
  level TEXT NOT NULL,          -- handler | department_head | liaison | district_leader | city_leader
  due_at BIGINT NOT NULL,
  event_seq BIGINT NOT NULL,
  escalated_at BIGINT NOT NULL,
  PRIMARY KEY (request_id, due_kind, round_at, level)
);
CREATE INDEX request_escalations_at ON request_escalations(escalated_at);
