#include "liaison_service/json.h"

#include <fmt/format.h>

#include <algorithm>

namespace zhitong::liaison_service {

using nlohmann::json;
namespace d = directory;

namespace {

json Summary(const PlanReport& r) {
  const auto& p = r.plan;
  const int64_t covered = static_cast<int64_t>(p.assignments.size());
  return {{"enterprises", r.enterprises},
          {"covered", covered},
          {"coverage", r.enterprises == 0 ? 1.0 : static_cast<double>(covered) / static_cast<double>(r.enterprises)},
          {"kept", p.kept.size()},
          {"added", p.added.size()},
          {"moved", p.moved.size()},
          {"ended", p.ended.size()},
          {"uncovered", p.uncovered.size()},
          {"changes_nothing", p.changes_nothing()}};
}

struct Labels {
  const PlanReport& r;
  json Enterprise(int64_t id) const {
    auto it = r.enterprise_labels.find(id);
    if (it == r.enterprise_labels.end()) return {{"enterprise_id", id}, {"enterprise_name", ""}};
    return {{"enterprise_id", id},
            {"enterprise_name", it->second.name},
            {"region_id", it->second.region_id},
            {"region_name", it->second.region_name},
            {"is_key", it->second.is_key}};
  }
  std::string OfficialName(int64_t id) const {
    auto it = r.official_labels.find(id);
    return it == r.official_labels.end() ? "" : it->second.name;
  }
  std::string EnterpriseName(int64_t id) const {
    auto it = r.enterprise_labels.find(id);
    return it == r.enterprise_labels.end() ? "#" + std::to_string(id) : it->second.name;
  }
  std::string RegionName(int64_t id) const {
    auto it = r.enterprise_labels.find(id);
    return it == r.enterprise_labels.end() ? "" : it->second.region_name;
  }
};

json Pair(const Labels& l, const liaison::Assignment& a) {
  json j = l.Enterprise(a.enterprise_id);
  j["official_id"] = a.official_id;
  j["official_name"] = l.OfficialName(a.official_id);
  return j;
}

template <class R>
void Reason(json& j, R reason) {
  j["reason"] = liaison::Name(reason);
  j["message"] = liaison::Message(reason);
  j["message_zh"] = liaison::MessageZh(reason);
}

json OptTime(const std::optional<Instant>& t) { return t ? json(FormatShanghai(*t)) : json(nullptr); }

json OptId(const std::optional<int64_t>& id) { return id ? json(*id) : json(nullptr); }

}  // namespace

json ToJson(const PlanReport& r) {
  Labels l{r};
  json kept = json::array(), added = json::array(), moved = json::array(), ended = json::array(),
       uncovered = json::array();
  for (const auto& a : r.plan.kept) kept.push_back(Pair(l, a));
  for (const auto& a : r.plan.added) added.push_back(Pair(l, a));
  for (const auto& m : r.plan.moved) {
    json j = l.Enterprise(m.enterprise_id);
    j["from_official_id"] = m.from_official_id;
    j["from_official_name"] = l.OfficialName(m.from_official_id);
    j["to_official_id"] = m.to_official_id;
    j["to_official_name"] = l.OfficialName(m.to_official_id);
    Reason(j, m.reason);
    moved.push_back(std::move(j));
  }
  for (const auto& x : r.plan.ended) {
    json j = Pair(l, x.assignment);
    Reason(j, x.reason);
    ended.push_back(std::move(j));
  }
  for (const auto& u : r.plan.uncovered) {
    json j = l.Enterprise(u.enterprise_id);
    Reason(j, u.reason);
    uncovered.push_back(std::move(j));
  }
  return {{"digest", r.digest},     {"planned_on", FormatDate(r.planned_on)},
          {"summary", Summary(r)},  {"kept", std::move(kept)},
          {"added", std::move(added)}, {"moved", std::move(moved)},
          {"ended", std::move(ended)}, {"uncovered", std::move(uncovered)}};
}

json ToJson(const ApplyOutcome& o) {
  json j = ToJson(o.report);
  j["applied"] = o.changed;
  j["plan_id"] = o.changed ? json(o.plan_id) : json(nullptr);
  j["applied_at"] = FormatShanghai(o.applied_at);
  return j;
}

json AuditJson(const PlanReport& r) {
  json added = json::array(), moved = json::array(), ended = json::array(), uncovered = json::array();
  for (const auto& a : r.plan.added) added.push_back({a.enterprise_id, a.official_id});
  for (const auto& m : r.plan.moved) {
    moved.push_back({m.enterprise_id, m.from_official_id, m.to_official_id, liaison::Name(m.reason)});
  }
  for (const auto& x : r.plan.ended) {
    ended.push_back({x.assignment.enterprise_id, x.assignment.official_id, liaison::Name(x.reason)});
  }
  for (const auto& u : r.plan.uncovered) uncovered.push_back({u.enterprise_id, liaison::Name(u.reason)});
  return {{"digest", r.digest},
          {"planned_on", FormatDate(r.planned_on)},
          {"summary", Summary(r)},
          {"added", std::move(added)},
          {"moved", std::move(moved)},
          {"ended", std::move(ended)},
          {"uncovered", std::move(uncovered)}};
}

json ToJson(const AssignmentRecord& a) {
  return {{"id", a.id},
          {"official_id", a.official_id},
          {"official_name", a.official_name},
          {"official_rank", d::Name(a.official_rank)},
          {"enterprise_id", a.enterprise_id},
          {"enterprise_name", a.enterprise_name},
          {"region_id", a.region_id},
          {"region_name", a.region_name},
          {"is_key", a.is_key},
          {"started_at", FormatShanghai(a.started_at)},
          {"ended_at", OptTime(a.ended_at)},
          {"active", !a.ended_at.has_value()},
          {"reason", a.reason},
          {"end_reason", a.end_reason.empty() ? json(nullptr) : json(a.end_reason)},
          {"plan_id", OptId(a.plan_id)},
          {"ended_plan_id", OptId(a.ended_plan_id)}};
}

json ToJson(const ServedEnterprise& s) {
  return {{"id", s.id},
          {"uscc", s.uscc},
          {"name", s.name},
          {"region_id", s.region_id},
          {"region_name", s.region_name},
          {"industry_code", s.industry_code},
          {"industry_section", s.industry_section},
          {"above_scale", s.above_scale},
          {"is_key", s.is_key},
          {"contact_name", s.contact_name},
          {"contact_phone", s.contact_phone},
          {"contact_masked", s.contact_masked},
          {"assignment_id", s.assignment_id},
          {"since", FormatShanghai(s.since)}};
}

namespace {

json GroupJson(const CoverageGroup& g) {
  return {{"key", g.key},       {"name", g.name},         {"name_en", g.name_en},
          {"enterprises", g.enterprises}, {"covered", g.covered}, {"uncovered", g.enterprises - g.covered},
          {"coverage", g.coverage()}};
}

json Groups(const std::vector<CoverageGroup>& groups) {
  json out = json::array();
  for (const auto& g : groups) out.push_back(GroupJson(g));
  return out;
}

}  // namespace

json ToJson(const CoverageReport& r) {
  json officials = json::array();
  for (const auto& o : r.officials) {
    officials.push_back({{"official_id", o.official_id},
                         {"name", o.name},
                         {"rank", d::Name(o.rank)},
                         {"region_id", o.region_id},
                         {"region_name", o.region_name},
                         {"capacity", o.capacity},
                         {"load", o.load},
                         {"state", Name(o.state)},
                         {"state_zh", NameZh(o.state)},
                         {"open_requests", o.open_requests},
                         {"overdue_requests", o.overdue_requests}});
  }
  json states = json::object();
  for (auto s : {LoadState::kOver, LoadState::kFull, LoadState::kUnder, LoadState::kIdle, LoadState::kInactive}) {
    auto it = r.officials_by_state.find(s);
    states[std::string(Name(s))] = it == r.officials_by_state.end() ? 0 : it->second;
  }
  json stale = json::array();
  const size_t shown = r.not_contacted_limit <= 0 ? r.not_contacted.size()
                                                  : std::min(r.not_contacted.size(), size_t(r.not_contacted_limit));
  for (size_t i = 0; i < shown; ++i) {
    const auto& n = r.not_contacted[i];
    stale.push_back({{"enterprise_id", n.enterprise_id},
                     {"name", n.name},
                     {"region_id", n.region_id},
                     {"region_name", n.region_name},
                     {"liaison_official_id", OptId(n.liaison_official_id)},
                     {"liaison_name", n.liaison_name},
                     {"last_contact_at", OptTime(n.last_contact_at)},
                     {"days_since_contact", n.last_contact_at ? json(DaysBetween(*n.last_contact_at, r.generated_at))
                                                              : json(nullptr)}});
  }
  return {{"coverage", r.total.coverage()},
          {"enterprises", r.total.enterprises},
          {"covered", r.total.covered},
          {"uncovered", r.total.enterprises - r.total.covered},
          {"generated_at", FormatShanghai(r.generated_at)},
          {"by_kind", Groups(r.by_kind)},
          {"by_region", Groups(r.by_region)},
          {"by_industry", Groups(r.by_industry)},
          {"officials", std::move(officials)},
          {"officials_by_state", std::move(states)},
          {"stale_days", r.stale_days},
          {"contacts_recorded", r.contacts_recorded},
          {"not_contacted", std::move(stale)},
          {"not_contacted_total", r.not_contacted.size()},
          {"open_requests", r.open_requests},
          {"overdue_requests", r.overdue_requests}};
}

namespace {

// Columns a terminal shows for the text: CJK and full-width characters take two.
size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) len = 4, cp = c & 0x07;
    else if (c >= 0xE0) len = 3, cp = c & 0x0F;
    else if (c >= 0xC0) len = 2, cp = c & 0x1F;
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    width += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                               (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                               (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)))
                 ? 2
                 : 1;
  }
  return width;
}

std::string Table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = " ";
    for (size_t c = 0; c < row.size(); ++c) {
      line += " " + row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - DisplayWidth(row[c]) + 1, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string Percent(double share) { return fmt::format("{:.1f}%", share * 100.0); }

}  // namespace

std::string PlanText(const PlanReport& r) {
  Labels l{r};
  auto official = [&](int64_t id) { return fmt::format("{} (#{})", l.OfficialName(id), id); };
  auto enterprise = [&](int64_t id) { return fmt::format("{} (#{})", l.EnterpriseName(id), id); };
  std::string out = fmt::format("联络员分配方案 Liaison plan for {}  digest {}\n\n", FormatDate(r.planned_on), r.digest);
  std::vector<std::vector<std::string>> rows = {
      {"变动 change", "企业 enterprise", "区县 region", "原联络员 from", "新联络员 to", "原因 reason"}};
  for (const auto& a : r.plan.added) {
    rows.push_back({"新增 added", enterprise(a.enterprise_id), l.RegionName(a.enterprise_id), "-", official(a.official_id), ""});
  }
  for (const auto& m : r.plan.moved) {
    rows.push_back({"调整 moved", enterprise(m.enterprise_id), l.RegionName(m.enterprise_id), official(m.from_official_id),
                    official(m.to_official_id), std::string(liaison::MessageZh(m.reason))});
  }
  for (const auto& x : r.plan.ended) {
    rows.push_back({"结束 ended", enterprise(x.assignment.enterprise_id), l.RegionName(x.assignment.enterprise_id),
                    official(x.assignment.official_id), "-", std::string(liaison::MessageZh(x.reason))});
  }
  for (const auto& u : r.plan.uncovered) {
    rows.push_back({"未覆盖 uncovered", enterprise(u.enterprise_id), l.RegionName(u.enterprise_id), "-", "-",
                    std::string(liaison::MessageZh(u.reason))});
  }
  if (rows.size() > 1) {
    out += Table(rows) + "\n";
  } else {
    out += "  无变动 No changes.\n\n";
  }
  const auto covered = r.plan.assignments.size();
  out += fmt::format(
      "汇总 Summary: 规上企业 {} above-scale enterprises; 保持 kept {}, 新增 added {}, 调整 moved {}, 结束 ended {}, "
      "未覆盖 uncovered {}; 覆盖率 coverage {}\n",
      r.enterprises, r.plan.kept.size(), r.plan.added.size(), r.plan.moved.size(), r.plan.ended.size(),
      r.plan.uncovered.size(), Percent(r.enterprises == 0 ? 1.0 : double(covered) / double(r.enterprises)));
  return out;
}

std::string CoverageText(const CoverageReport& r) {
  std::string out = fmt::format("联络覆盖情况 Liaison coverage, {}\n\n", FormatShanghai(r.generated_at));
  std::vector<std::vector<std::string>> rows = {
      {"分组 group", "规上企业 enterprises", "已覆盖 covered", "覆盖率 coverage"}};
  auto add = [&](const std::string& prefix, const CoverageGroup& g) {
    rows.push_back({prefix + g.name, std::to_string(g.enterprises), std::to_string(g.covered), Percent(g.coverage())});
  };
  add("", r.total);
  for (const auto& g : r.by_kind) add("  ", g);
  for (const auto& g : r.by_region) add("  区县 ", g);
  for (const auto& g : r.by_industry) add("  行业 " + g.key + " ", g);
  out += Table(rows) + "\n";
  std::vector<std::vector<std::string>> loads = {
      {"联络员 official", "区县 region", "容量 capacity", "企业 load", "状态 state", "未办结 open", "超期 overdue"}};
  for (const auto& o : r.officials) {
    if (o.state == LoadState::kUnder || o.state == LoadState::kFull) {
      if (o.overdue_requests == 0) continue;  // in balance and nothing overdue: not listed
    }
    loads.push_back({fmt::format("{} (#{})", o.name, o.official_id), o.region_name, std::to_string(o.capacity),
                     std::to_string(o.load), fmt::format("{} {}", NameZh(o.state), Name(o.state)),
                     std::to_string(o.open_requests), std::to_string(o.overdue_requests)});
  }
  if (loads.size() > 1) {
    out += "需关注的联络员 Officials over capacity, idle, out of office or with overdue requests:\n" + Table(loads) + "\n";
  }
  out += fmt::format("诉求 Requests with a liaison: 未办结 open {}, 超期 overdue {}\n", r.open_requests, r.overdue_requests);
  out += fmt::format("超过 {} 天未联系的企业 Enterprises not contacted for more than {} days: {}{}\n", r.stale_days,
                     r.stale_days, r.not_contacted.size(),
                     r.contacts_recorded ? "" : " (尚无联系记录 no contact register in this database yet)");
  return out;
}

}  // namespace zhitong::liaison_service
