#include "results_service/export.h"

#include <cmath>
#include <fmt/format.h>

namespace zhitong::results_service {

using results::Counter;
using results::UnitKind;

std::string Percent(const std::optional<double>& rate) {
  return rate ? fmt::format("{:.1f}", std::round(*rate * 1000) / 10) : "";
}
std::string Score(const std::optional<double>& composite) {
  return composite ? fmt::format("{:.1f}", std::round(*composite * 10) / 10) : "";
}

std::string_view GroupName(UnitKind kind) {
  switch (kind) {
    case UnitKind::kCity: return "city";
    case UnitKind::kRegion: return "region";
    case UnitKind::kOfficial: return "liaison";
    case UnitKind::kCategory: return "category";
    case UnitKind::kDepartment: return "department";
  }
  return "city";
}
std::string_view GroupNameZh(UnitKind kind) {
  switch (kind) {
    case UnitKind::kCity: return "全市";
    case UnitKind::kRegion: return "区县";
    case UnitKind::kOfficial: return "联络员";
    case UnitKind::kCategory: return "类别";
    case UnitKind::kDepartment: return "部门";
  }
  return "全市";
}
std::optional<UnitKind> ParseGroup(std::string_view name) {
  if (name == "liaison" || name == "official") return UnitKind::kOfficial;
  if (name == "department") return UnitKind::kDepartment;
  if (name == "region") return UnitKind::kRegion;
  if (name == "category") return UnitKind::kCategory;
  if (name == "city") return UnitKind::kCity;
  return std::nullopt;
}

namespace {

const std::pair<const char*, Counter> kCountColumns[] = {
    {"受理量 (received)", Counter::kReceived},
    {"应签收 (sign_due)", Counter::kSignDue},
    {"按时签收 (sign_on_time)", Counter::kSignOnTime},
    {"办结 (closed)", Counter::kClosed},
    {"确认解决 (solved)", Counter::kSolved},
    {"未评价办结 (closed_unrated)", Counter::kClosedUnrated},
    {"非常满意 (very_satisfied)", Counter::kRatedVerySatisfied},
    {"满意 (satisfied)", Counter::kRatedSatisfied},
    {"基本满意 (basically_satisfied)", Counter::kRatedBasicallySatisfied},
    {"不满意 (dissatisfied)", Counter::kRatedDissatisfied},
    {"非常不满意 (very_dissatisfied)", Counter::kRatedVeryDissatisfied},
    {"超期 (overdue)", Counter::kOverdue},
    {"重办 (reopened)", Counter::kReopened},
    {"整改 (rectified)", Counter::kRectified},
    {"申诉 (appealed)", Counter::kAppealed},
    {"申诉成立 (appeals_upheld)", Counter::kAppealsUpheld},
    {"转出 (transferred)", Counter::kTransferred},
};

std::vector<std::string> Row(const UnitFigures& f, const std::string& rank) {
  std::vector<std::string> row{rank, f.id, f.name, Percent(f.rates.response.value), Percent(f.rates.resolution.value),
                               Percent(f.rates.satisfaction.value), Score(f.rates.composite),
                               f.previous_rank ? std::to_string(*f.previous_rank) : ""};
  results::Counts c = f.counts;
  c[Counter::kSignDue] += f.open_overdue.signs;
  c[Counter::kOverdue] += f.open_overdue.replies;
  for (const auto& [title, counter] : kCountColumns) row.push_back(std::to_string(c[counter]));
  return row;
}

}  // namespace

directory_service::Table RatesTable(const RatesResult& r) {
  directory_service::Table t;
  std::vector<std::string> header{"排名 (rank)", "编号 (id)", std::string(GroupNameZh(r.group)) + " (name)",
                                  "响应率% (response_rate)", "解决率% (resolution_rate)", "满意率% (satisfaction_rate)",
                                  "综合得分 (composite)", "上期排名 (previous_rank)"};
  for (const auto& [title, counter] : kCountColumns) header.emplace_back(title);
  t.push_back(std::move(header));
  for (const auto& f : r.items) t.push_back(Row(f, f.rank ? std::to_string(*f.rank) : ""));
  t.push_back(Row(r.overall, "合计 (total)"));
  return t;
}

std::vector<bool> RatesTableNumeric(const directory_service::Table& t) {
  std::vector<bool> numeric(t.empty() ? 0 : t[0].size(), false);
  for (size_t c = 8; c < numeric.size(); ++c) numeric[c] = true;
  if (numeric.size() > 7) numeric[7] = true;
  return numeric;
}

directory_service::Table HotIssuesTable(const HotIssuesResult& r) {
  directory_service::Table t;
  t.push_back({"序号 (rank)", "热点诉求 (title)", "企业数 (requesters)", "诉求数 (requests)", "类别 (category)",
               "区县 (regions)", "首次 (first_at)", "最近 (last_at)", "示例 (examples)"});
  size_t i = 0;
  for (const auto& h : r.items) {
    std::string regions, examples;
    for (const auto& [id, name] : h.regions) regions += (regions.empty() ? "" : "、") + name;
    for (const auto& e : h.examples) {
      examples += (examples.empty() ? "" : "\n") + ("#" + std::to_string(e.request_id) + " " + e.enterprise_name + "：" + e.excerpt);
    }
    t.push_back({std::to_string(++i), h.title, std::to_string(h.requesters), std::to_string(h.requests),
                 h.category_name.empty() ? h.category_code : h.category_name, regions, FormatShanghai(h.first_at),
                 FormatShanghai(h.last_at), examples});
  }
  return t;
}

}  // namespace zhitong::results_service
