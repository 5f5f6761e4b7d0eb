#include "results/rates.h"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace zhitong::results {
namespace {

Rate MakeRate(int64_t num, int64_t den) {
  Rate r{num, den, std::nullopt};
  if (den > 0) r.value = static_cast<double>(num) / static_cast<double>(den);
  return r;
}

Error BadWeights(std::string_view text) {
  return Error::Invalid("results.invalid_weights",
                        "weights must be three non-negative numbers, not all zero, as \"30,35,35\" (response, "
                        "resolution, satisfaction); got \"" + std::string(text) + "\"",
                        "权重须为三个非负数且不全为零，如“30,35,35”（响应、解决、满意）；收到“" + std::string(text) + "”");
}

std::string Number(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{}", v);
}

}  // namespace

Result<Weights> ParseWeights(std::string_view text) {
  double parts[3];
  size_t count = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t comma = std::min(text.find(',', pos), text.size());
    std::string_view piece = text.substr(pos, comma - pos);
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
    if (count == 3 || piece.empty()) return BadWeights(text);
    double v = 0;
    auto [end, ec] = std::from_chars(piece.data(), piece.data() + piece.size(), v);
    if (ec != std::errc() || end != piece.data() + piece.size() || !(v >= 0) || !std::isfinite(v)) {
      return BadWeights(text);
    }
    parts[count++] = v;
    pos = comma + 1;
  }
  if (count != 3 || parts[0] + parts[1] + parts[2] <= 0) return BadWeights(text);
  return Weights{parts[0], parts[1], parts[2]};
}

std::string FormatWeights(const Weights& w) {
  return Number(w.response) + "," + Number(w.resolution) + "," + Number(w.satisfaction);
}

Rates ComputeRates(const Counts& c, const Definitions& defs) {
  Rates r;
  r.response = MakeRate(c[Counter::kSignOnTime], c[Counter::kSignDue]);
  const int64_t solved = c[Counter::kSolved] + (defs.unrated_closures_solved ? c[Counter::kClosedUnrated] : 0);
  r.resolution = MakeRate(solved, c[Counter::kClosed]);
  int64_t satisfied = 0;
  int64_t rated = 0;
  for (requests::RatingLevel level : requests::All<requests::RatingLevel>()) {
    const int64_t n = c[RatingCounter(level)];
    rated += n;
    // Levels are declared best first.
    if (static_cast<int>(level) <= static_cast<int>(defs.satisfied_from)) satisfied += n;
  }
  r.satisfaction = MakeRate(satisfied, rated);
  double sum = 0;
  double weight = 0;
  const std::pair<const Rate*, double> parts[] = {{&r.response, defs.weights.response},
                                                  {&r.resolution, defs.weights.resolution},
                                                  {&r.satisfaction, defs.weights.satisfaction}};
  for (const auto& [rate, w] : parts) {
    if (!rate->value || w <= 0) continue;
    sum += w * *rate->value;
    weight += w;
  }
  if (weight > 0) r.composite = 100.0 * sum / weight;
  return r;
}

std::vector<Formula> Describe(const Definitions& defs) {
  std::string levels_zh;
  std::string levels_en;
  std::string satisfied_counters;
  for (requests::RatingLevel level : requests::All<requests::RatingLevel>()) {
    if (static_cast<int>(level) > static_cast<int>(defs.satisfied_from)) break;
    if (!levels_zh.empty()) {
      levels_zh += "、";
      levels_en += ", ";
      satisfied_counters += " + ";
    }
    levels_zh += std::string(requests::NameZh(level));
    levels_en += std::string(requests::Name(level));
    satisfied_counters += std::string(Name(RatingCounter(level)));
  }
  const std::string unrated = defs.unrated_closures_solved ? " + closed_unrated" : "";
  const std::string w = FormatWeights(defs.weights);
  return {
      {"response_rate", "sign_on_time / sign_due",
       "Response rate: sign obligations answered (signed, transferred onwards or disputed) by their due time, over "
       "the sign obligations that fell due in the period (one per routing, due 1 working day after it as the "
       "deadlines module counts; those still unanswered past due count as missed).",
       "响应率：期内到期的签收义务中按时响应（签收、转办或退回）的比例（每次派单产生一项，派单后 1 个工作日内到期，"
       "按期限模块计算；到期仍未响应的计为未响应）。"},
      {"resolution_rate", "(solved" + unrated + ") / closed",
       "Resolution rate: closures the requester confirmed as solved (a rating of basically satisfied or better, or "
       "so at the revisit after a bad rating)" +
           std::string(defs.unrated_closures_solved ? ", together with closures without a counted rating," : "") +
           " over all closures in the period, charged to the department that answered.",
       "解决率：期内办结件中经诉求人确认已解决（评价为基本满意及以上，或差评整改后回访确认）" +
           std::string(defs.unrated_closures_solved ? "及未评价办结件" : "") + "的比例，计入答复部门。"},
      {"satisfaction_rate", "(" + satisfied_counters + ") / all ratings",
       "Satisfaction rate: ratings of " + levels_en +
           " over all ratings given in the period; a rating voided by an upheld appeal is removed.",
       "满意率：期内评价中" + levels_zh + "的比例；申诉成立的差评不计入。"},
      {"composite", "100 × Σ weight × rate / Σ weight (weights " + w + ")",
       "Composite score 0–100: the rates weighted response, resolution, satisfaction = " + w +
           "; a rate without a denominator is left out and the others' weights rescaled.",
       "综合得分（0–100）：响应率、解决率、满意率按权重 " + w + " 加权；无分母的比率不计，其余权重按比例放大。"},
      {"received", "received", "Requests submitted in the period (a department: routings and transfers to it); "
                               "merged requests are counted once, as their target.",
       "期内提交的诉求数（部门：派给或转给该部门的次数）；并单只计一次。"},
      {"overdue", "overdue", "Handling rounds replied (or ended) after their reply due, by the day it fell due "
                             "(time waiting for the requester excluded).",
       "超期：答复（或转出、并单、撤回）晚于答复期限的办理轮次，按期限所在日计（补正期间不计时）。"},
      {"reopened", "reopened", "Closed requests reopened in the period.", "期内重新办理的已办结诉求数。"},
      {"rectified", "rectified", "Rectifications after bad ratings recorded in the period.", "期内完成的差评整改数。"},
      {"appealed", "appealed", "Appeals against bad ratings made in the period (appeals_upheld: upheld).",
       "期内对差评提出的申诉数（appeals_upheld：申诉成立数）。"},
      {"transferred", "transferred", "Transfers away from the department in the period.", "期内从该部门转出的次数。"},
  };
}

}  // namespace zhitong::results
