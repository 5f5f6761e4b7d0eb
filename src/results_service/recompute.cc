#include "results_service/recompute.h"

#include <map>
#include <vector>

#include "requests_service/deadlines.h"
#include "requests_service/store.h"
#include "results_service/observer.h"

namespace zhitong::results_service {
namespace {

using storage::Sql;
using storage::Tx;

// Each request with the deadline policy it is held to (see migration 0027: NULL follows the
// category).
const Sql kPage(
    "SELECT r.id, r.region_id, r.liaison_official_id, COALESCE(r.policy_reply_days, c.reply_days) AS reply_days,"
    " COALESCE(r.policy_urgent_hours, c.urgent_hours) AS urgent_hours"
    " FROM requests r LEFT JOIN categories c ON c.code = r.category_code WHERE r.id > ? ORDER BY r.id LIMIT ?");
const Sql kEventsOfRange(
    "SELECT request_id, seq, action, actor_user_id, actor_role, at, note, payload, prev_hash, hash"
    " FROM request_events WHERE request_id >= ? AND request_id <= ? ORDER BY request_id, seq");

}  // namespace

Result<results::Ledger> RecomputeFromEvents(Tx& tx, const calendar::WorkingCalendar& calendar, int64_t page) {
  // The policy of each request of the current page, by request id.
  std::map<std::string, requests_service::DeadlinePolicy> policies;
  const results::DueFn dues = [&](const requests::Request& before, Instant at) -> Result<results::Dues> {
    requests_service::DeadlinePolicy policy;
    if (auto it = policies.find(before.id); it != policies.end()) policy = it->second;
    ZT_ASSIGN_OR_RETURN(auto d, requests_service::ComputeDeadlines(calendar, before, policy, at));
    return results::Dues{d.sign_due, d.reply_due};
  };

  results::Ledger ledger;
  int64_t after = 0;
  while (true) {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kPage, after, page));
    if (rows.empty()) break;
    std::map<int64_t, requests_service::StoredRequest> units;
    policies.clear();
    for (size_t i = 0; i < rows.size(); ++i) {
      if (auto d = rows[i].opt_i64("reply_days"), h = rows[i].opt_i64("urgent_hours"); d && h) {
        policies[requests_service::IdText(rows[i].i64("id"))] = {static_cast<int>(*d), static_cast<int>(*h)};
      }
      requests_service::StoredRequest s;
      s.id = rows[i].i64("id");
      s.region_id = rows[i].opt_i64("region_id");
      s.liaison_official_id = rows[i].opt_i64("liaison_official_id");
      units.emplace(s.id, std::move(s));
    }
    const int64_t first = units.begin()->first;
    const int64_t last = units.rbegin()->first;
    after = last;
    // The timelines of the page, read in one query (the service's own reader, one request at a
    // time, would cost a round trip each).
    std::map<int64_t, std::vector<requests::Event>> timelines;
    ZT_ASSIGN_OR_RETURN(auto events, tx.Query(kEventsOfRange, first, last));
    for (size_t i = 0; i < events.size(); ++i) {
      ZT_ASSIGN_OR_RETURN(auto e, requests_service::EventFromRow(events[i], events[i].i64("request_id")));
      timelines[events[i].i64("request_id")].push_back(std::move(e));
    }
    for (const auto& [id, timeline] : timelines) {
      auto it = units.find(id);
      if (it == units.end()) continue;
      ZT_ASSIGN_OR_RETURN(auto deltas, results::TimelineContributions(timeline, UnitsOf(it->second), dues));
      ledger.Add(deltas);
    }
  }
  ledger.DropZeros();
  return ledger;
}

std::string LedgerDifferences(results::Ledger a, results::Ledger b, size_t limit) {
  a.DropZeros();
  b.DropZeros();
  std::string out;
  size_t n = 0;
  auto line = [&](const results::BucketKey& k, const results::Counts& x, const results::Counts& y) {
    for (results::Counter c : results::AllCounters()) {
      if (x[c] == y[c] || n >= limit) continue;
      out += std::string(results::Name(k.kind)) + " '" + k.unit + "' " + std::to_string(k.day) + " " +
             std::string(results::Name(c)) + ": " + std::to_string(x[c]) + " vs " + std::to_string(y[c]) + "\n";
      ++n;
    }
  };
  for (const auto& [k, x] : a.buckets()) {
    auto it = b.buckets().find(k);
    line(k, x, it == b.buckets().end() ? results::Counts{} : it->second);
  }
  for (const auto& [k, y] : b.buckets()) {
    if (!a.buckets().count(k)) line(k, results::Counts{}, y);
  }
  return out;
}

}  // namespace zhitong::results_service
