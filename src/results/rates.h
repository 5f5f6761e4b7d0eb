// The three rates (三率) and the composite score as formulas over the counters of
// definitions.h, with the choices that are configurable: the weights of the composite score
// (default 30 / 35 / 35), the lowest rating that counts as satisfied (default 基本满意), and
// whether a closure without a counted rating counts as solved (default no). Describe() gives the
// formulas in words, so that every figure can be shown next to its definition. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "requests/model.h"
#include "results/definitions.h"

namespace zhitong::results {

struct Weights {
  double response = 30;
  double resolution = 35;
  double satisfaction = 35;
};

// "30,35,35" (response, resolution, satisfaction): three non-negative numbers, not all zero.
// kInvalid "results.invalid_weights" otherwise.
Result<Weights> ParseWeights(std::string_view text);
std::string FormatWeights(const Weights& w);  // "30,35,35"

struct Definitions {
  Weights weights;
  // Ratings at least this good count as satisfied (满意率 numerator).
  requests::RatingLevel satisfied_from = requests::RatingLevel::kBasicallySatisfied;
  // Whether closures without a counted rating (auto-close, a bad rating voided on appeal) count as
  // solved (解决率 numerator); they always count as closed.
  bool unrated_closures_solved = false;
};

// A rate with its parts; value is empty when the denominator is 0.
struct Rate {
  int64_t numerator = 0;
  int64_t denominator = 0;
  std::optional<double> value;  // 0 … 1
};

struct Rates {
  Rate response;      // 响应率 = sign_on_time / sign_due
  Rate resolution;    // 解决率 = solved (+ closed_unrated if so defined) / closed
  Rate satisfaction;  // 满意率 = ratings at least `satisfied_from` / all counted ratings
  // Composite score 0 … 100: Σ weight × rate / Σ weight over the rates that have a value (the
  // weights of rates without one are left out); empty when none has a value.
  std::optional<double> composite;
};

Rates ComputeRates(const Counts& counts, const Definitions& defs);

// The formulas and the choices behind them, in English and Chinese, keyed by figure
// ("response_rate", "resolution_rate", "satisfaction_rate", "composite", and each counter).
struct Formula {
  std::string key;
  std::string formula;  // over counter names
  std::string en;
  std::string zh;
};
std::vector<Formula> Describe(const Definitions& defs);

}  // namespace zhitong::results
