#include "contacts/plan_check.h"

#include <fmt/format.h>

namespace zhitong::contacts {
namespace {

using nlohmann::json;

Error Malformed(const std::string& field, const std::string& en, const std::string& zh) {
  Error e = Error::Invalid("input.invalid", "malformed plan: " + field + " " + en, "计划格式有误：" + field + " " + zh);
  e.fields.push_back({field, en, zh});
  return e;
}

Result<std::vector<std::string>> Keys(const json& plan, const char* field) {
  if (!plan.contains(field) || !plan[field].is_array()) {
    return Malformed(field, "must be an array", "须为数组");
  }
  std::vector<std::string> out;
  for (const auto& item : plan[field]) {
    if (item.is_string()) {
      out.push_back(item.get<std::string>());
    } else if (item.is_object() && item.contains("key") && item["key"].is_string()) {
      out.push_back(item["key"].get<std::string>());
    } else {
      return Malformed(field, "items must be keys or objects with a string \"key\"", "的每项须为标识或含字符串 key 的对象");
    }
  }
  return out;
}

std::string TargetText(const DrawnTarget& t) { return fmt::format("{} by {} and {}", t.key, t.team[0], t.team[1]); }
std::string TargetTextZh(const DrawnTarget& t) { return fmt::format("{}（检查人员 {}、{}）", t.key, t.team[0], t.team[1]); }

}  // namespace

Result<PublishedPlan> ParsePublishedPlan(const json& plan) {
  if (!plan.is_object()) return Malformed("plan", "must be a JSON object", "须为 JSON 对象");
  PublishedPlan out;
  if (!plan.contains("algorithm") || !plan["algorithm"].is_string()) {
    return Malformed("algorithm", "must be a string", "须为字符串");
  }
  out.algorithm = plan["algorithm"].get<std::string>();
  if (!plan.contains("seed") || !plan["seed"].is_string()) return Malformed("seed", "must be a string", "须为字符串");
  out.input.seed = plan["seed"].get<std::string>();
  if (!plan.contains("target_count") || !plan["target_count"].is_number_integer()) {
    return Malformed("target_count", "must be an integer", "须为整数");
  }
  out.input.target_count = plan["target_count"].get<int64_t>();
  ZT_ASSIGN_OR_RETURN(out.input.pool, Keys(plan, "pool"));
  ZT_ASSIGN_OR_RETURN(out.input.roster, Keys(plan, "roster"));
  if (!plan.contains("draw") || !plan["draw"].is_object() || !plan["draw"].contains("targets") ||
      !plan["draw"]["targets"].is_array()) {
    return Malformed("draw.targets", "must be an array", "须为数组");
  }
  for (const auto& t : plan["draw"]["targets"]) {
    if (!t.is_object() || !t.contains("key") || !t["key"].is_string() || !t.contains("team") ||
        !t["team"].is_array() || t["team"].size() != 2 || !t["team"][0].is_string() || !t["team"][1].is_string()) {
      return Malformed("draw.targets", "items must be {\"key\": string, \"team\": [string, string]}",
                       "的每项须为 {\"key\": 字符串, \"team\": [字符串, 字符串]}");
    }
    out.published.targets.push_back(
        {t["key"].get<std::string>(), {t["team"][0].get<std::string>(), t["team"][1].get<std::string>()}});
  }
  return out;
}

Result<VerifyReport> VerifyPublishedPlan(const PublishedPlan& plan) {
  if (plan.algorithm != kDrawAlgorithm) {
    return Error::Invalid("inspection.unknown_algorithm",
                          "unknown draw algorithm \"" + plan.algorithm + "\" (this verifier knows " +
                              std::string(kDrawAlgorithm) + ")",
                          "未知的抽取算法“" + plan.algorithm + "”（本校验程序支持 " + std::string(kDrawAlgorithm) + "）");
  }
  VerifyReport report;
  ZT_ASSIGN_OR_RETURN(report.recomputed, Draw(plan.input));
  const auto& mine = report.recomputed.targets;
  const auto& theirs = plan.published.targets;
  for (size_t i = 0; i < std::max(mine.size(), theirs.size()); ++i) {
    if (i < mine.size() && i < theirs.size() && mine[i] == theirs[i]) continue;
    const size_t n = i + 1;
    if (i >= theirs.size()) {
      report.difference = fmt::format("target {}: recomputed {}, but the published draw ends after {} targets", n,
                                      TargetText(mine[i]), theirs.size());
      report.difference_zh = fmt::format("第 {} 个对象：重算为 {}，但公布的结果只有 {} 个对象", n, TargetTextZh(mine[i]),
                                         theirs.size());
    } else if (i >= mine.size()) {
      report.difference = fmt::format("target {}: published {}, but the recomputed draw ends after {} targets", n,
                                      TargetText(theirs[i]), mine.size());
      report.difference_zh = fmt::format("第 {} 个对象：公布为 {}，但重算结果只有 {} 个对象", n, TargetTextZh(theirs[i]),
                                         mine.size());
    } else {
      report.difference = fmt::format("target {}: published {}, recomputed {}", n, TargetText(theirs[i]), TargetText(mine[i]));
      report.difference_zh = fmt::format("第 {} 个对象：公布为 {}，重算为 {}", n, TargetTextZh(theirs[i]), TargetTextZh(mine[i]));
    }
    return report;
  }
  report.match = true;
  return report;
}

json DrawJson(const DrawResult& draw) {
  json targets = json::array();
  for (const auto& t : draw.targets) targets.push_back({{"key", t.key}, {"team", {t.team[0], t.team[1]}}});
  return {{"targets", targets}};
}

}  // namespace zhitong::contacts
