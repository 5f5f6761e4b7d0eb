// The results application service (以实干实绩论英雄): the three rates, counts and composite score
// per unit and period, rankings (红黑榜) with movement against the previous period, monthly trends,
// hot issues (热点诉求) and their alerts, for an acting user. Figures are sums of the day rows that
// the ResultsObserver keeps (so their cost does not grow with history) plus what is open past due
// now; every answer carries the definitions it was computed with. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/error.h"
#include "results/definitions.h"
#include "results/hot_issues.h"
#include "results/period.h"
#include "results/rates.h"
#include "results_service/aggregate_store.h"
#include "storage/database.h"

namespace zhitong::results_service {

// A unit's figures for one period.
struct UnitFigures {
  std::string id;  // "" for the city
  std::string name;
  std::string name_en;
  results::Counts counts;  // as kept, plus what is open past due (below) where the rates count it
  OpenOverdue open_overdue;
  results::Rates rates;
  std::optional<int> rank;           // 1 = best composite; empty without a composite
  std::optional<int> previous_rank;  // in the previous period
  std::optional<double> previous_composite;
};

struct RatesQuery {
  results::UnitKind group = results::UnitKind::kDepartment;
  results::Period period;
  std::optional<results::Weights> weights;  // overrides the configured ones for this answer
};

struct RatesResult {
  results::UnitKind group = results::UnitKind::kDepartment;
  results::Period period;
  results::Period previous;
  results::Definitions definitions;
  std::vector<UnitFigures> items;  // by rank, units without a composite last (by id)
  UnitFigures overall;             // the whole city (or, for a district leader, their region)
};

struct TrendPoint {
  results::Period month;
  results::Counts counts;
  results::Rates rates;
};

struct TrendResult {
  results::UnitKind group = results::UnitKind::kCity;
  std::string unit;
  std::string name;
  results::Definitions definitions;
  std::vector<TrendPoint> points;  // oldest first
};

struct HotExample {
  int64_t request_id = 0;
  std::string title;
  std::string excerpt;
  std::string enterprise_name;
  Instant submitted_at{};
};

struct HotIssue {
  std::string title;  // the first request's
  size_t requesters = 0;
  size_t requests = 0;
  std::string category_code;
  std::string category_name;
  std::vector<std::pair<int64_t, std::string>> regions;  // id, name
  Instant first_at{};
  Instant last_at{};
  std::vector<HotExample> examples;  // the first few, oldest first
};

struct HotIssuesResult {
  results::Period period;
  size_t min_requesters = 2;
  results::HotOptions options;
  std::vector<HotIssue> items;
};

struct HotAlert {
  int64_t id = 0;
  std::string category_code;
  int64_t leader_request_id = 0;
  std::string title;
  int64_t requesters = 0;
  int64_t threshold = 0;
  std::vector<int64_t> department_ids;
  Instant created_at{};
  Instant updated_at{};
};

// The definitions the configuration asks for (results_weights, results_satisfied_from,
// results_unrated_solved); kInvalid "results.invalid_weights" for malformed weights.
Result<results::Definitions> DefinitionsFromConfig(const Config& config);

class ResultsService {
 public:
  ResultsService(storage::Database& db, const Clock& clock, results::Definitions definitions = {})
      : db_(db), clock_(clock), definitions_(definitions) {}

  const results::Definitions& definitions() const { return definitions_; }
  const Clock& clock() const { return clock_; }

  // Who may read which figures: admins, dispatchers and leaders every group (a district leader's
  // regions and liaisons only those of their region); a liaison only their own figures (group
  // official); a handler only their department's. Others: kForbidden "results.not_allowed".
  Result<RatesResult> Rates(const access::Actor& actor, const RatesQuery& query);
  // Monthly series of one unit (empty: the whole group's total when group is city) over `months`
  // months ending with the month of `last_day`.
  Result<TrendResult> Trend(const access::Actor& actor, results::UnitKind group, const std::string& unit,
                            results::DayKey last_day, int months, std::optional<results::Weights> weights);
  // Hot issues of the period: clusters with at least min_requesters distinct requesters, best first,
  // at most limit. Admins, dispatchers and leaders (a district leader: requests of their region).
  Result<HotIssuesResult> HotIssues(const access::Actor& actor, const results::Period& period, size_t limit,
                                    size_t min_requesters, const std::optional<std::string>& category);
  // The alerts raised, newest first.
  Result<std::vector<HotAlert>> HotAlerts(const access::Actor& actor, size_t limit);

 private:
  Result<RatesResult> ComputeRates(storage::Tx& tx, const access::Actor& actor, const RatesQuery& query);
  storage::Database& db_;
  const Clock& clock_;
  results::Definitions definitions_;
};

}  // namespace zhitong::results_service
