#include "liaison_service/coverage.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <tuple>

#include "directory/industry.h"

namespace zhitong::liaison_service {

namespace d = directory;

std::string_view Name(LoadState s) {
  switch (s) {
    case LoadState::kOver: return "over";
    case LoadState::kFull: return "full";
    case LoadState::kUnder: return "under";
    case LoadState::kIdle: return "idle";
    case LoadState::kInactive: return "inactive";
  }
  return "unknown";
}

std::string_view NameZh(LoadState s) {
  switch (s) {
    case LoadState::kOver: return "超出容量";
    case LoadState::kFull: return "已满";
    case LoadState::kUnder: return "未满";
    case LoadState::kIdle: return "空闲";
    case LoadState::kInactive: return "已离任";
  }
  return "未知";
}

namespace {

void Count(CoverageGroup& g, const CoverageEnterprise& e) {
  ++g.enterprises;
  if (e.liaison_official_id) ++g.covered;
}

LoadState StateOf(const CoverageOfficial& o) {
  if (!o.active) return LoadState::kInactive;
  if (o.load > o.capacity) return LoadState::kOver;
  if (o.load == 0) return LoadState::kIdle;
  return o.load == o.capacity ? LoadState::kFull : LoadState::kUnder;
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

}  // namespace

int64_t DaysBetween(Instant from, Instant to) {
  return std::chrono::duration_cast<std::chrono::days>(to - from).count();
}

CoverageReport ComputeCoverage(const CoverageInputs& in, Instant now, const CoverageOptions& options) {
  CoverageReport r;
  r.generated_at = now;
  r.stale_days = options.stale_days;
  r.not_contacted_limit = options.not_contacted_limit;
  r.contacts_recorded = in.contacts_recorded;
  r.total = {"all", "全部规上企业", "all above-scale enterprises"};
  std::map<int64_t, CoverageGroup> regions;
  std::map<std::string, CoverageGroup> industries;
  CoverageGroup key{"key", "重点企业", "key enterprises"}, other{"other", "其他规上企业", "other above-scale enterprises"};
  std::map<int64_t, std::string> official_names;
  for (const auto& o : in.officials) official_names[o.id] = o.name;

  const Instant stale_before = now - std::chrono::days(options.stale_days);
  for (const auto& e : in.enterprises) {
    if (!e.above_scale) continue;
    Count(r.total, e);
    Count(e.is_key ? key : other, e);
    auto [rit, fresh_region] = regions.try_emplace(e.region_id);
    if (fresh_region) rit->second = {std::to_string(e.region_id), e.region_name, ""};
    Count(rit->second, e);
    auto [iit, fresh_industry] = industries.try_emplace(e.industry_code);
    if (fresh_industry) {
      auto division = d::FindIndustryDivision(e.industry_code);
      iit->second = {e.industry_code, division ? std::string(division->name_zh) : e.industry_code,
                     division ? std::string(division->name_en) : ""};
    }
    Count(iit->second, e);

    auto last = in.last_contact.find(e.id);
    if (last == in.last_contact.end() || last->second < stale_before) {
      NotContacted n{e.id, e.name, e.region_id, e.region_name, e.liaison_official_id, "", std::nullopt};
      if (e.liaison_official_id) {
        auto name = official_names.find(*e.liaison_official_id);
        if (name != official_names.end()) n.liaison_name = name->second;
      }
      if (last != in.last_contact.end()) n.last_contact_at = last->second;
      r.not_contacted.push_back(std::move(n));
    }
  }
  r.by_kind = {key, other};
  for (auto& [id, g] : regions) r.by_region.push_back(std::move(g));
  for (auto& [code, g] : industries) r.by_industry.push_back(std::move(g));
  std::sort(r.not_contacted.begin(), r.not_contacted.end(), [](const NotContacted& a, const NotContacted& b) {
    // Never contacted (empty) first, then the oldest contact.
    const int64_t ta = a.last_contact_at ? ToUnixMillis(*a.last_contact_at) : INT64_MIN;
    const int64_t tb = b.last_contact_at ? ToUnixMillis(*b.last_contact_at) : INT64_MIN;
    return std::tie(ta, a.enterprise_id) < std::tie(tb, b.enterprise_id);
  });

  for (const auto& o : in.officials) {
    if (!o.active && o.load == 0) continue;
    OfficialLoad l{o.id, o.name, o.rank, o.region_id, o.region_name, o.capacity, o.load, StateOf(o)};
    if (auto it = in.requests.find(o.id); it != in.requests.end()) {
      l.open_requests = it->second.open;
      l.overdue_requests = it->second.overdue;
    }
    r.open_requests += l.open_requests;
    r.overdue_requests += l.overdue_requests;
    ++r.officials_by_state[l.state];
    r.officials.push_back(std::move(l));
  }
  std::sort(r.officials.begin(), r.officials.end(), [](const OfficialLoad& a, const OfficialLoad& b) {
    return std::tuple(a.rank != d::Rank::kCity, a.region_id, a.official_id) <
           std::tuple(b.rank != d::Rank::kCity, b.region_id, b.official_id);
  });
  return r;
}

std::vector<CoverageTable> CoverageTables(const CoverageReport& r) {
  std::vector<CoverageTable> out;
  CoverageTable groups{"覆盖率", {{"维度", "代码", "分组", "规上企业数", "已覆盖", "未覆盖", "覆盖率"}},
                       {false, false, false, true, true, true, false}};
  auto add = [&](const char* dimension, const CoverageGroup& g) {
    groups.rows.push_back({dimension, g.key, g.name, std::to_string(g.enterprises), std::to_string(g.covered),
                           std::to_string(g.enterprises - g.covered), Percent(g.coverage())});
  };
  add("全部", r.total);
  for (const auto& g : r.by_kind) add("类别", g);
  for (const auto& g : r.by_region) add("区县", g);
  for (const auto& g : r.by_industry) add("行业", g);
  out.push_back(std::move(groups));

  CoverageTable loads{"联络员负荷",
                      {{"编号", "姓名", "级别", "所属区县", "联络容量", "联络企业数", "状态", "未办结诉求", "超期诉求"}},
                      {true, false, false, false, true, true, false, true, true}};
  for (const auto& o : r.officials) {
    loads.rows.push_back({std::to_string(o.official_id), o.name, std::string(d::NameZh(o.rank)), o.region_name,
                          std::to_string(o.capacity), std::to_string(o.load), std::string(NameZh(o.state)),
                          std::to_string(o.open_requests), std::to_string(o.overdue_requests)});
  }
  out.push_back(std::move(loads));

  CoverageTable stale{"久未联系企业",
                      {{"企业编号", "企业名称", "所属区县", "联络员", "最近联系时间", "未联系天数"}},
                      {true, false, false, false, false, true}};
  for (const auto& n : r.not_contacted) {
    stale.rows.push_back({std::to_string(n.enterprise_id), n.name, n.region_name, n.liaison_name,
                          n.last_contact_at ? FormatShanghai(*n.last_contact_at) : "无联系记录",
                          n.last_contact_at ? std::to_string(DaysBetween(*n.last_contact_at, r.generated_at)) : ""});
  }
  out.push_back(std::move(stale));
  return out;
}

}  // namespace zhitong::liaison_service
