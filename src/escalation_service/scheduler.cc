#include "escalation_service/scheduler.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "access/actor.h"

namespace zhitong::escalation_service {
namespace {

using requests::Action;
using storage::Sql;
using storage::Tx;

// Requests waiting on a due time up to the horizon whose current round has fewer rungs taken than
// the ladder has; in id order, a page at a time.
const Sql kEscalationCandidates(
    "SELECT r.id FROM requests r"
    " WHERE r.current_due_at IS NOT NULL AND r.current_due_at <= ?"
    " AND r.status IN ('submitted', 'routed', 'signed', 'in_progress', 'replied') AND r.id > ?"
    " AND (SELECT COUNT(*) FROM request_escalations x WHERE x.request_id = r.id"
    "      AND x.round_at = CASE r.status WHEN 'submitted' THEN r.submitted_at"
    "                                     WHEN 'replied' THEN r.rated_at ELSE r.routed_at END"
    "      AND x.due_kind = CASE r.status WHEN 'submitted' THEN 'accept' WHEN 'routed' THEN 'sign'"
    "                                     WHEN 'replied' THEN 'rectify' ELSE 'reply' END) < ?"
    " ORDER BY r.id LIMIT ?");
const Sql kTaken("SELECT level FROM request_escalations WHERE request_id = ? AND due_kind = ? AND round_at = ?");
const Sql kAutoCloseCandidates(
    "SELECT r.id FROM requests r WHERE r.status = 'replied' AND r.rating IS NULL AND r.replied_at <= ?"
    " AND r.id > ? ORDER BY r.id LIMIT ?");
const Sql kRecord(
    "INSERT INTO request_escalations (request_id, due_kind, round_at, level, due_at, event_seq, escalated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)");

const requests_service::Clause kEverything{"1 = 1", {}};

// Pages through ids from a query of (…, after_id, limit).
template <class F>
Result<std::vector<int64_t>> Page(storage::Database& db, int batch, F query) {
  std::vector<int64_t> out;
  int64_t after = 0;
  while (true) {
    auto rows = db.ReadValue([&](Tx& tx) { return query(tx, after, int64_t{batch}); });
    if (!rows) return rows.error();
    for (const auto& row : *rows) out.push_back(row.i64("id"));
    if (static_cast<int>(rows->size()) < batch) return out;
    after = out.back();
  }
}

bool LostRace(const Error& e) { return e.kind == ErrorKind::kConflict; }

}  // namespace

Result<RunStats> Scheduler::RunOnce() {
  RunStats stats;
  const Instant now = clock_.Now();
  const auto cal = requests_.Calendar();
  if (!options_.ladder.empty()) {
    const Instant horizon = escalation::Horizon(*cal, options_.ladder, now);
    const int64_t rungs = static_cast<int64_t>(options_.ladder.size());
    ZT_ASSIGN_OR_RETURN(auto ids, Page(db_, options_.batch, [&](Tx& tx, int64_t after, int64_t limit) {
                          return tx.Query(kEscalationCandidates, ToUnixMillis(horizon), after, rungs, limit);
                        }));
    for (int64_t id : ids) {
      // One request that cannot be escalated (its timeline broken, say) must not stop the others.
      if (auto st = Escalate(id, now, stats); !st) spdlog::error("escalating request {}: {}", id, st.error().ToString());
    }
  }
  if (options_.auto_close.days > 0) {
    // N working days are never fewer than N calendar days: a cheap bound, checked exactly below.
    const Instant bound = now - std::chrono::days(options_.auto_close.days);
    ZT_ASSIGN_OR_RETURN(auto ids, Page(db_, options_.batch, [&](Tx& tx, int64_t after, int64_t limit) {
                          return tx.Query(kAutoCloseCandidates, ToUnixMillis(bound), after, limit);
                        }));
    for (int64_t id : ids) {
      if (auto st = AutoClose(id, now, stats); !st) spdlog::error("auto-closing request {}: {}", id, st.error().ToString());
    }
  }
  // One line per run, at info when it did something (end-to-end tests wait for it at debug).
  spdlog::log(stats.escalations || stats.auto_closed || stats.lost_races ? spdlog::level::info : spdlog::level::debug,
              "scheduler run at {}: {} escalation step(s), {} closed automatically, {} lost race(s)",
              FormatShanghai(now), stats.escalations, stats.auto_closed, stats.lost_races);
  return stats;
}

Result<void> Scheduler::Escalate(int64_t id, Instant now, RunStats& stats) {
  const access::Actor system = access::SystemActor();
  ZT_ASSIGN_OR_RETURN(auto view, requests_.Get(system, id));
  const auto& d = view.deadlines;
  const auto due = requests::CurrentDueOf(view.stored.request, d.accept_due, d.sign_due, d.reply_due, d.rectify_due);
  if (!due) return Ok();
  const auto cal = requests_.Calendar();
  const auto reached = escalation::ReachedRungs(*cal, options_.ladder, due->due_at, now);
  if (reached.empty()) return Ok();
  ZT_ASSIGN_OR_RETURN(auto taken_rows, db_.ReadValue([&](Tx& tx) {
                        return tx.Query(kTaken, id, requests::Name(due->kind), ToUnixMillis(due->round_at));
                      }));
  std::vector<std::string> taken;
  for (const auto& row : taken_rows) taken.push_back(row.text("level"));
  int64_t version = view.stored.request.version;
  for (const auto& rung : reached) {
    if (std::find(taken.begin(), taken.end(), requests::Name(rung.level)) != taken.end()) continue;
    requests_service::ActInput in;
    in.action = Action::kEscalate;
    in.version = version;
    in.escalation = requests::EscalationOrder{due->kind, rung.level, due->due_at, due->round_at};
    auto after = requests_.Act(system, id, in);
    if (!after) {
      if (LostRace(after.error())) {
        ++stats.lost_races;
        return Ok();  // somebody else moved first: look again next run
      }
      return after.error();
    }
    version = after->stored.request.version;
    ++stats.escalations;
  }
  return Ok();
}

Result<void> Scheduler::AutoClose(int64_t id, Instant now, RunStats& stats) {
  const access::Actor system = access::SystemActor();
  ZT_ASSIGN_OR_RETURN(auto view, requests_.Get(system, id));
  const requests::Request& r = view.stored.request;
  if (r.status != requests::Status::kReplied || r.rating || !r.replied_at) return Ok();
  const auto cal = requests_.Calendar();
  const auto at = escalation::AutoCloseAt(*cal, options_.auto_close, *r.replied_at);
  if (!at || now < *at) return Ok();
  requests_service::ActInput in;
  in.action = Action::kAutoClose;
  in.version = r.version;
  in.note = "no rating within " + std::to_string(options_.auto_close.days) +
            (options_.auto_close.working ? " working" : "") + " days of the reply / 答复后 " +
            std::to_string(options_.auto_close.days) + (options_.auto_close.working ? " 个工作日" : " 日") +
            "内未评价，自动办结";
  auto after = requests_.Act(system, id, in);
  if (!after) {
    if (LostRace(after.error())) {
      ++stats.lost_races;
      return Ok();
    }
    return after.error();
  }
  ++stats.auto_closed;
  return Ok();
}

Result<void> EscalationRecorder::OnChange(Tx& tx, const requests_service::RequestChange& change) {
  for (const requests::Event& e : change.events) {
    if (e.type != Action::kEscalate) continue;
    auto due_at = ParseTimestamp(e.Get("due_at"));
    auto round_at = ParseTimestamp(e.Get("round_at"));
    if (!due_at || !round_at) {
      return Error::Internal("escalation.event_malformed", "an escalate event lacks its due or round instant");
    }
    auto st = tx.Exec(kRecord, change.after.id, e.Get("due"), ToUnixMillis(*round_at), e.Get("level"),
                      ToUnixMillis(*due_at), e.seq, ToUnixMillis(e.at));
    if (!st) {
      if (st.error().kind == ErrorKind::kConflict) {
        return Error::Conflict("escalation.already_taken",
                               "this escalation step was already taken for request " + std::to_string(change.after.id),
                               "该诉求的这一级督办已经发起过");
      }
      return st.error();
    }
  }
  return Ok();
}

}  // namespace zhitong::escalation_service
