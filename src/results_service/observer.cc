#include "results_service/observer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "access/audit.h"
#include "requests/similarity.h"
#include "requests/state_machine.h"
#include "results_service/aggregate_store.h"

namespace zhitong::results_service {
namespace {

using storage::Sql;
using storage::Tx;

std::string Requester(const std::optional<int64_t>& enterprise_id, int64_t submitter) {
  return enterprise_id ? "e:" + std::to_string(*enterprise_id) : "u:" + std::to_string(submitter);
}

const Sql kCandidates(
    "SELECT id, enterprise_id, submitter_user_id, region_id, handling_department_id, title, description"
    " FROM requests WHERE category_code = ? AND submitted_at >= ? AND id <> ?"
    " AND status NOT IN ('rejected', 'withdrawn', 'merged') ORDER BY submitted_at DESC LIMIT ?");

}  // namespace

results::RequestUnits UnitsOf(const requests_service::StoredRequest& r) {
  results::RequestUnits u;
  if (r.region_id) u.region = std::to_string(*r.region_id);
  if (r.liaison_official_id) u.liaison = std::to_string(*r.liaison_official_id);
  return u;
}

Result<void> ResultsObserver::OnChange(Tx& tx, const requests_service::RequestChange& change) {
  const results::RequestUnits units = UnitsOf(change.after);
  std::vector<results::Delta> deltas;
  std::optional<requests::Request> state = change.before;
  for (size_t i = 0; i < change.events.size(); ++i) {
    const requests::Event& e = change.events[i];
    requests::Request next = requests::Apply(state.value_or(requests::Request{}), e);
    results::Dues dues;
    // The service appends one event per change; the dues it gives are those before that event.
    if (i == 0 && change.before_deadlines) {
      dues = results::Dues{change.before_deadlines->sign_due, change.before_deadlines->reply_due};
    }
    results::Step step{state ? &*state : nullptr, &e, &next, dues, units};
    auto d = results::Contributions(step);
    deltas.insert(deltas.end(), d.begin(), d.end());
    state = std::move(next);
  }
  ZT_TRY(AddDeltas(tx, deltas));
  if (!change.before && options_.threshold > 0) ZT_TRY(CheckHotIssue(tx, change));
  return Ok();
}

std::shared_ptr<const requests::TextProfile> ResultsObserver::Profile(int64_t id, const std::string& text) {
  const size_t hash = std::hash<std::string>{}(text);
  {
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(id);
    if (it != cache_.end() && it->second.text_hash == hash) return it->second.profile;
  }
  auto profile = std::make_shared<const requests::TextProfile>(text);
  std::lock_guard lock(cache_mu_);
  auto [it, inserted] = cache_.insert_or_assign(id, CachedProfile{hash, profile});
  if (inserted) {
    cache_order_.push_back(id);
    if (cache_order_.size() > kCachedProfiles) {
      cache_.erase(cache_order_.front());
      cache_order_.pop_front();
    }
  }
  return profile;
}

Result<void> ResultsObserver::CheckHotIssue(Tx& tx, const requests_service::RequestChange& change) {
  const requests::Request& r = change.after.request;
  if (r.category_code.empty()) return Ok();
  const int64_t since = ToUnixMillis(change.at) - int64_t{options_.window_days} * 86'400'000;
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kCandidates, r.category_code, since, change.after.id,
                                          static_cast<int64_t>(options_.max_candidates)));
  const requests::TextProfile profile(r.title + " " + r.description);
  std::vector<int64_t> matched;
  std::set<std::string> requesters;
  std::set<int64_t> departments;
  const int64_t submitter = requests_service::IdValue(r.submitter_id).value_or(0);
  requesters.insert(Requester(requests_service::IdValue(r.enterprise_id), submitter));
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    double score = requests::Similarity(profile, *Profile(row.i64("id"), row.text("title") + " " + row.text("description")));
    if (score <= 0) continue;
    if (change.after.region_id && row.opt_i64("region_id") == change.after.region_id) {
      score += options_.similarity.region_bonus;
    }
    if (score < options_.similarity.threshold) continue;
    matched.push_back(row.i64("id"));
    requesters.insert(Requester(row.opt_i64("enterprise_id"), row.i64("submitter_user_id")));
    if (auto d = row.opt_i64("handling_department_id")) departments.insert(*d);
  }
  if (matched.empty()) return Ok();
  const std::string me = Requester(requests_service::IdValue(r.enterprise_id), submitter);

  // A cluster already alerted grows: the new request joins its alert.
  std::string in = "?";
  std::vector<storage::Value> ids{matched[0]};
  for (size_t i = 1; i < matched.size(); ++i) {
    in += ", ?";
    ids.emplace_back(matched[i]);
  }
  ZT_ASSIGN_OR_RETURN(auto existing,
                      tx.Query("SELECT MIN(alert_id) AS alert_id FROM results_hot_alert_members WHERE request_id IN (" +
                                   in + ")",
                               ids));
  const int64_t now_ms = ToUnixMillis(change.at);
  if (!existing.empty() && !existing[0].is_null("alert_id")) {
    const int64_t alert = existing[0].i64("alert_id");
    ZT_TRY(tx.Exec(Sql("INSERT INTO results_hot_alert_members (alert_id, request_id, requester) VALUES (?, ?, ?)"
                       " ON CONFLICT DO NOTHING"),
                   alert, change.after.id, me));
    ZT_TRY(tx.Exec(Sql("UPDATE results_hot_alerts SET updated_at = ?, requesters = (SELECT COUNT(DISTINCT requester)"
                       " FROM results_hot_alert_members WHERE alert_id = ?) WHERE id = ?"),
                   now_ms, alert, alert));
    return Ok();
  }
  if (requesters.size() < options_.threshold) return Ok();

  // A new hot issue: departments that handle its requests, or the category's default one.
  ZT_ASSIGN_OR_RETURN(auto cat, tx.Query(Sql("SELECT department_id FROM categories WHERE code = ?"), r.category_code));
  if (!cat.empty() && !cat[0].is_null("department_id")) departments.insert(cat[0].i64("department_id"));
  nlohmann::json depts = nlohmann::json::array();
  for (int64_t d : departments) depts.push_back(d);
  const int64_t leader = *std::min_element(matched.begin(), matched.end());
  ZT_ASSIGN_OR_RETURN(
      int64_t alert,
      tx.InsertReturningId(Sql("INSERT INTO results_hot_alerts (category_code, leader_request_id, title, requesters,"
                               " threshold, department_ids, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                               " RETURNING id"),
                           r.category_code, leader, r.title, static_cast<int64_t>(requesters.size()),
                           static_cast<int64_t>(options_.threshold), depts.dump(), now_ms, now_ms));
  for (size_t i = 0; i < rows.size(); ++i) {
    const int64_t id = rows[i].i64("id");
    if (std::find(matched.begin(), matched.end(), id) == matched.end()) continue;
    ZT_TRY(tx.Exec(Sql("INSERT INTO results_hot_alert_members (alert_id, request_id, requester) VALUES (?, ?, ?)"),
                   alert, id, Requester(rows[i].opt_i64("enterprise_id"), rows[i].i64("submitter_user_id"))));
  }
  ZT_TRY(tx.Exec(Sql("INSERT INTO results_hot_alert_members (alert_id, request_id, requester) VALUES (?, ?, ?)"),
                 alert, change.after.id, me));
  const nlohmann::json after = {{"category_code", r.category_code},
                                {"leader_request_id", leader},
                                {"requesters", requesters.size()},
                                {"threshold", options_.threshold},
                                {"department_ids", depts}};
  return access::RecordAudit(tx, access::SystemActor(), change.at, "hot_issue_alert", "hot_issue_alert",
                             std::to_string(alert), nullptr, after);
}

}  // namespace zhitong::results_service
