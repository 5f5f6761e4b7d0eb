// The results observer: added to the RequestService, it runs inside the transaction of every
// request change and (1) adds the change's counter deltas (results/definitions.h) to the
// (unit, day) rows of results_daily, so the aggregates commit with the change or not at all; and
// (2) on a submission, looks for recent requests of the same category that describe the same
// problem and, when their distinct requesters reach the alert threshold, records a hot issue
// alert (results_hot_alerts) for the departments concerned, once per cluster.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "requests_service/observer.h"
#include "results/definitions.h"
#include "results/hot_issues.h"
#include "requests/similarity.h"

namespace zhitong::results_service {

struct HotAlertOptions {
  size_t threshold = 5;        // distinct requesters that make a cluster hot; 0: no alerts
  int window_days = 30;        // how far back similar requests are looked for
  size_t max_candidates = 300; // the most recent requests of the category compared at most
  results::HotOptions similarity;
};

// The units a stored request is charged to besides its category and department.
results::RequestUnits UnitsOf(const requests_service::StoredRequest& r);

class ResultsObserver final : public requests_service::RequestObserver {
 public:
  explicit ResultsObserver(HotAlertOptions options = {}) : options_(options) {}
  Result<void> OnChange(storage::Tx& tx, const requests_service::RequestChange& change) override;

 private:
  Result<void> CheckHotIssue(storage::Tx& tx, const requests_service::RequestChange& change);
  // The text profile of a candidate, built once: a request's title and description never change
  // after it is filed, and every submission compares itself with up to max_candidates of them,
  // which was most of intake's CPU (docs/BENCHMARKS.md). Keyed by id and checked against a hash
  // of the text, so an id given again after a rolled-back transaction is never confused.
  std::shared_ptr<const requests::TextProfile> Profile(int64_t id, const std::string& text);

  HotAlertOptions options_;
  struct CachedProfile {
    size_t text_hash = 0;
    std::shared_ptr<const requests::TextProfile> profile;
  };
  static constexpr size_t kCachedProfiles = 16384;
  std::mutex cache_mu_;
  std::unordered_map<int64_t, CachedProfile> cache_;
  std::deque<int64_t> cache_order_;  // oldest first, for eviction
};

}  // namespace zhitong::results_service
