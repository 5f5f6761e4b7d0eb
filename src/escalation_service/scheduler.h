// The scheduler of requests inside `zhitong serve`. Each run, on the requests clock (which tests
// steer with ZHITONG_FAKE_NOW):
//   - escalation (督办): every request waiting on a due time (accept, sign, reply, rectify) whose
//     ladder rungs (escalation/ladder.h) are reached gets, for each rung not yet taken in this
//     round, an `escalate` event on its timeline — hash-chained like every event, audited, and
//     told to the rung's audience through the notification outbox;
//   - automatic closing (自动办结): a reply left unrated for the configured days closes with an
//     `auto_close` event.
// Both are RequestService::Act calls by the system actor, so they obey the state machine and the
// optimistic version check. A rung is taken once: EscalationRecorder writes its row in
// request_escalations (primary key: request, due kind, round, level) in the event's transaction,
// so a second server that races for the same rung fails and rolls back, and a restart finds the
// rows and skips them.
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "core/error.h"
#include "escalation/ladder.h"
#include "requests_service/observer.h"
#include "requests_service/request_service.h"
#include "storage/database.h"

namespace zhitong::escalation_service {

struct SchedulerOptions {
  escalation::Ladder ladder;
  escalation::AutoClosePolicy auto_close;
  int batch = 200;  // requests read per query
};

struct RunStats {
  int escalations = 0;
  int auto_closed = 0;
  int lost_races = 0;  // another server (or a user) changed the request first; retried next run
};

class Scheduler {
 public:
  Scheduler(storage::Database& db, requests_service::RequestService& requests, const Clock& clock,
            SchedulerOptions options)
      : db_(db), requests_(requests), clock_(clock), options_(std::move(options)) {}

  // One pass over every request due for a step, at clock.Now().
  Result<RunStats> RunOnce();

 private:
  Result<void> Escalate(int64_t id, Instant now, RunStats& stats);
  Result<void> AutoClose(int64_t id, Instant now, RunStats& stats);

  storage::Database& db_;
  requests_service::RequestService& requests_;
  const Clock& clock_;
  SchedulerOptions options_;
};

// Records each escalation step taken, in the transaction of its event (see above). Add it to the
// RequestService wherever a Scheduler runs.
class EscalationRecorder final : public requests_service::RequestObserver {
 public:
  Result<void> OnChange(storage::Tx& tx, const requests_service::RequestChange& change) override;
};

}  // namespace zhitong::escalation_service
