#include "results_service/results_service.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "requests/utf8.h"

namespace zhitong::results_service {
namespace {

using access::Role;
using results::Counter;
using results::Counts;
using results::UnitKind;
using storage::Sql;
using storage::Tx;

Error NotAllowed(std::string_view what_en, std::string_view what_zh) {
  return Error::Forbidden("results.not_allowed", "you may not read " + std::string(what_en),
                          "您无权查看" + std::string(what_zh));
}

struct Name {
  std::string zh;
  std::string en;
};

// Names of the units of a kind: id → name.
Result<std::map<std::string, Name>> UnitNames(Tx& tx, UnitKind kind) {
  std::map<std::string, Name> out;
  const char* sql = nullptr;
  switch (kind) {
    case UnitKind::kCity: out[""] = {"全市", "City"}; return out;
    case UnitKind::kRegion: sql = "SELECT CAST(id AS TEXT) AS id, name, name_en FROM regions"; break;
    case UnitKind::kDepartment: sql = "SELECT CAST(id AS TEXT) AS id, name, name_en FROM departments"; break;
    case UnitKind::kOfficial: sql = "SELECT CAST(id AS TEXT) AS id, name, '' AS name_en FROM officials"; break;
    case UnitKind::kCategory: sql = "SELECT code AS id, name, name_en FROM categories"; break;
  }
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql(sql)));
  for (size_t i = 0; i < rows.size(); ++i) out[rows[i].text("id")] = {rows[i].text("name"), rows[i].text("name_en")};
  return out;
}

// The regions at or under `root`, as decimal ids.
Result<std::set<std::string>> RegionSubtree(Tx& tx, int64_t root) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql("SELECT id, parent_id FROM regions")));
  std::multimap<int64_t, int64_t> children;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (auto p = rows[i].opt_i64("parent_id")) children.emplace(*p, rows[i].i64("id"));
  }
  std::set<std::string> out;
  std::vector<int64_t> stack{root};
  while (!stack.empty()) {
    const int64_t id = stack.back();
    stack.pop_back();
    if (!out.insert(std::to_string(id)).second) continue;
    auto [a, b] = children.equal_range(id);
    for (auto it = a; it != b; ++it) stack.push_back(it->second);
  }
  return out;
}

// Which units of `group` the actor may see; empty optional: all of them.
Result<std::optional<std::set<std::string>>> VisibleUnits(Tx& tx, const access::Actor& a, UnitKind group) {
  switch (a.role) {
    case Role::kAdmin:
    case Role::kDispatcher:
      return std::optional<std::set<std::string>>{};
    case Role::kLeader: {
      if (a.city_wide() || !a.region_id) return std::optional<std::set<std::string>>{};
      if (group == UnitKind::kRegion) {
        ZT_ASSIGN_OR_RETURN(auto regions, RegionSubtree(tx, *a.region_id));
        return std::optional<std::set<std::string>>(std::move(regions));
      }
      if (group == UnitKind::kOfficial) {
        ZT_ASSIGN_OR_RETURN(auto regions, RegionSubtree(tx, *a.region_id));
        ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql("SELECT id, region_id FROM officials")));
        std::set<std::string> out;
        for (size_t i = 0; i < rows.size(); ++i) {
          if (regions.count(rows[i].text("region_id"))) out.insert(rows[i].text("id"));
        }
        return std::optional<std::set<std::string>>(std::move(out));
      }
      return std::optional<std::set<std::string>>{};
    }
    case Role::kLiaison:
      if (group == UnitKind::kOfficial && a.official_id) {
        return std::optional<std::set<std::string>>(std::set<std::string>{std::to_string(*a.official_id)});
      }
      return NotAllowed("figures other than your own (group=liaison)", "本人以外的实绩（请用 group=liaison）");
    case Role::kHandler:
      if (group == UnitKind::kDepartment && a.department_id) {
        return std::optional<std::set<std::string>>(std::set<std::string>{std::to_string(*a.department_id)});
      }
      return NotAllowed("figures other than your department's (group=department)", "本部门以外的实绩（请用 group=department）");
    default:
      return NotAllowed("results", "实绩");
  }
}

// The counts the rates are computed from: open obligations past due count as missed.
Counts Effective(const Counts& kept, const OpenOverdue& open) {
  Counts c = kept;
  c[Counter::kSignDue] += open.signs;
  c[Counter::kOverdue] += open.replies;
  return c;
}

// The first `chars` characters of text, with "…" when cut.
std::string Excerpt(const std::string& text, size_t chars) {
  auto cps = requests::DecodeUtf8(text);
  if (!cps) return "";
  if (cps->size() <= chars) return text;
  std::string out;
  for (size_t i = 0; i < chars; ++i) requests::AppendUtf8((*cps)[i], out);
  return out + "…";
}

bool Better(const UnitFigures& a, const UnitFigures& b) {
  if (a.rates.composite.has_value() != b.rates.composite.has_value()) return a.rates.composite.has_value();
  if (a.rates.composite && *a.rates.composite != *b.rates.composite) return *a.rates.composite > *b.rates.composite;
  return a.id < b.id;
}

}  // namespace

Result<results::Definitions> DefinitionsFromConfig(const Config& config) {
  results::Definitions d;
  ZT_ASSIGN_OR_RETURN(d.weights, results::ParseWeights(config.results_weights));
  ZT_ASSIGN_OR_RETURN(d.satisfied_from, requests::Parse<requests::RatingLevel>(config.results_satisfied_from));
  d.unrated_closures_solved = config.results_unrated_solved;
  return d;
}

Result<RatesResult> ResultsService::ComputeRates(Tx& tx, const access::Actor& actor, const RatesQuery& q) {
  ZT_ASSIGN_OR_RETURN(auto visible, VisibleUnits(tx, actor, q.group));
  RatesResult out;
  out.group = q.group;
  out.period = q.period;
  out.previous = results::Previous(q.period);
  out.definitions = definitions_;
  if (q.weights) out.definitions.weights = *q.weights;
  const Instant now = clock_.Now();

  ZT_ASSIGN_OR_RETURN(auto names, UnitNames(tx, q.group));
  std::map<std::string, UnitFigures> units;
  auto load = [&](const results::Period& p, bool current) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(auto sums, SumByUnit(tx, q.group, p));
    ZT_ASSIGN_OR_RETURN(auto open, OpenOverdueByUnit(tx, q.group, p, now));
    std::set<std::string> ids;
    for (const auto& [id, c] : sums) ids.insert(id);
    for (const auto& [id, o] : open) ids.insert(id);
    std::vector<UnitFigures> ranked;
    for (const std::string& id : ids) {
      if (visible && !visible->count(id)) continue;
      UnitFigures f;
      f.id = id;
      if (auto it = sums.find(id); it != sums.end()) f.counts = it->second;
      if (auto it = open.find(id); it != open.end()) f.open_overdue = it->second;
      f.rates = results::ComputeRates(Effective(f.counts, f.open_overdue), out.definitions);
      ranked.push_back(std::move(f));
    }
    std::sort(ranked.begin(), ranked.end(), Better);
    for (size_t i = 0; i < ranked.size(); ++i) {
      UnitFigures& f = ranked[i];
      const std::optional<int> rank = f.rates.composite ? std::optional<int>(static_cast<int>(i) + 1) : std::nullopt;
      if (current) {
        f.rank = rank;
        UnitFigures& slot = units[f.id];
        f.previous_rank = slot.previous_rank;
        f.previous_composite = slot.previous_composite;
        slot = std::move(f);
      } else {
        UnitFigures& slot = units[f.id];
        slot.previous_rank = rank;
        slot.previous_composite = f.rates.composite;
      }
    }
    return Ok();
  };
  ZT_TRY(load(out.previous, false));
  ZT_TRY(load(q.period, true));
  for (auto& [id, f] : units) {
    if (f.id.empty() && !id.empty()) {
      f.id = id;  // present only in the previous period
      f.rates = results::ComputeRates(Counts{}, out.definitions);
    }
    if (auto it = names.find(id); it != names.end()) {
      f.name = it->second.zh;
      f.name_en = it->second.en;
    } else if (q.group == UnitKind::kCity) {
      f.name = "全市";
      f.name_en = "City";
    } else {
      f.name = id;
    }
    out.items.push_back(f);
  }
  std::sort(out.items.begin(), out.items.end(), Better);

  // The whole: the city, or the sum of what a restricted actor sees.
  out.overall.id = "";
  out.overall.name = "全市";
  out.overall.name_en = "City";
  if (visible) {
    for (const auto& f : out.items) {
      out.overall.counts += f.counts;
      out.overall.open_overdue.signs += f.open_overdue.signs;
      out.overall.open_overdue.replies += f.open_overdue.replies;
    }
    out.overall.name = "合计";
    out.overall.name_en = "Total";
  } else {
    ZT_ASSIGN_OR_RETURN(auto city, SumByUnit(tx, UnitKind::kCity, q.period));
    ZT_ASSIGN_OR_RETURN(auto open, OpenOverdueByUnit(tx, UnitKind::kCity, q.period, now));
    if (auto it = city.find(""); it != city.end()) out.overall.counts = it->second;
    if (auto it = open.find(""); it != open.end()) out.overall.open_overdue = it->second;
  }
  out.overall.rates = results::ComputeRates(Effective(out.overall.counts, out.overall.open_overdue), out.definitions);
  return out;
}

Result<RatesResult> ResultsService::Rates(const access::Actor& actor, const RatesQuery& query) {
  return db_.ReadValue([&](Tx& tx) { return ComputeRates(tx, actor, query); });
}

Result<TrendResult> ResultsService::Trend(const access::Actor& actor, UnitKind group, const std::string& unit,
                                          results::DayKey last_day, int months,
                                          std::optional<results::Weights> weights) {
  if (months < 1 || months > 120) {
    return Error::Invalid("results.invalid_months", "months must be 1 to 120", "月数须在 1 到 120 之间");
  }
  return db_.ReadValue([&](Tx& tx) -> Result<TrendResult> {
    ZT_ASSIGN_OR_RETURN(auto visible, VisibleUnits(tx, actor, group));
    const std::string id = group == UnitKind::kCity ? "" : unit;
    if (visible && !visible->count(id)) {
      return Error::NotFound("results.unit_not_found", "there are no figures you may see for that unit",
                             "没有您可查看的该单位实绩");
    }
    TrendResult out;
    out.group = group;
    out.unit = id;
    out.definitions = definitions_;
    if (weights) out.definitions.weights = *weights;
    ZT_ASSIGN_OR_RETURN(auto names, UnitNames(tx, group));
    if (auto it = names.find(id); it != names.end()) out.name = it->second.zh;
    const auto span = results::MonthsEndingAt(last_day, months);
    const results::Period whole{results::PeriodKind::kRange, span.front().from, span.back().to, ""};
    ZT_ASSIGN_OR_RETURN(auto sums, SumByUnitAndMonth(tx, group, id, whole));
    const Instant now = clock_.Now();
    for (const auto& month : span) {
      TrendPoint p;
      p.month = month;
      if (auto it = sums.find({id, month.from / 100}); it != sums.end()) p.counts = it->second;
      ZT_ASSIGN_OR_RETURN(auto open, OpenOverdueByUnit(tx, group, month, now));
      OpenOverdue o;
      if (auto it = open.find(id); it != open.end()) o = it->second;
      p.rates = results::ComputeRates(Effective(p.counts, o), out.definitions);
      p.counts = Effective(p.counts, o);
      out.points.push_back(std::move(p));
    }
    return out;
  });
}

Result<HotIssuesResult> ResultsService::HotIssues(const access::Actor& actor, const results::Period& period,
                                                  size_t limit, size_t min_requesters,
                                                  const std::optional<std::string>& category) {
  const bool allowed = actor.role == Role::kAdmin || actor.role == Role::kDispatcher || actor.role == Role::kLeader;
  if (!allowed) return NotAllowed("hot issues", "热点诉求");
  return db_.ReadValue([&](Tx& tx) -> Result<HotIssuesResult> {
    std::optional<std::set<std::string>> regions;
    if (actor.role == Role::kLeader && !actor.city_wide() && actor.region_id) {
      ZT_ASSIGN_OR_RETURN(auto sub, RegionSubtree(tx, *actor.region_id));
      regions = std::move(sub);
    }
    std::string sql =
        "SELECT r.id, r.enterprise_id, r.submitter_user_id, r.region_id, r.category_code, r.title, r.description,"
        " r.submitted_at, COALESCE(e.name, '') AS enterprise_name FROM requests r"
        " LEFT JOIN enterprises e ON e.id = r.enterprise_id"
        " WHERE r.submitted_at >= ? AND r.submitted_at < ? AND r.status NOT IN ('rejected', 'withdrawn', 'merged')"
        " AND r.category_code IS NOT NULL";
    std::vector<storage::Value> params{ToUnixMillis(results::StartOf(period.from)), ToUnixMillis(results::EndOf(period))};
    if (category) {
      sql += " AND r.category_code = ?";
      params.emplace_back(*category);
    }
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
    std::vector<results::HotItem> items;
    std::vector<HotExample> examples;
    items.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& row = rows[i];
      auto region = row.opt_text("region_id");
      if (regions && (!region || !regions->count(*region))) continue;
      auto enterprise = row.opt_i64("enterprise_id");
      results::HotItem item;
      item.id = row.text("id");
      item.requester = enterprise ? "e:" + std::to_string(*enterprise) : "u:" + row.text("submitter_user_id");
      item.category = row.text("category_code");
      item.region = region;
      item.text = row.text("title") + " " + row.text("description");
      item.at = FromUnixMillis(row.i64("submitted_at"));
      items.push_back(std::move(item));
      examples.push_back(HotExample{row.i64("id"), row.text("title"),
                                    Excerpt(row.text("description"), 60), row.text("enterprise_name"),
                                    FromUnixMillis(row.i64("submitted_at"))});
    }
    HotIssuesResult out;
    out.period = period;
    out.min_requesters = min_requesters;
    const auto clusters = results::ClusterHotIssues(items, out.options);
    ZT_ASSIGN_OR_RETURN(auto categories, UnitNames(tx, UnitKind::kCategory));
    ZT_ASSIGN_OR_RETURN(auto region_names, UnitNames(tx, UnitKind::kRegion));
    for (const auto& c : clusters) {
      if (out.items.size() >= limit || c.requesters < min_requesters) break;
      HotIssue h;
      h.title = examples[c.members[0]].title;
      h.requesters = c.requesters;
      h.requests = c.members.size();
      h.category_code = c.category;
      h.category_name = categories[c.category].zh;
      for (const auto& r : c.regions) h.regions.emplace_back(std::stoll(r), region_names[r].zh);
      h.first_at = items[c.members.front()].at;
      h.last_at = items[c.members.back()].at;
      for (size_t k = 0; k < c.members.size() && k < 3; ++k) h.examples.push_back(examples[c.members[k]]);
      out.items.push_back(std::move(h));
    }
    return out;
  });
}

Result<std::vector<HotAlert>> ResultsService::HotAlerts(const access::Actor& actor, size_t limit) {
  const bool allowed = actor.role == Role::kAdmin || actor.role == Role::kDispatcher ||
                       (actor.role == Role::kLeader && actor.city_wide()) || actor.role == Role::kHandler;
  if (!allowed) return NotAllowed("hot issue alerts", "热点诉求预警");
  return db_.ReadValue([&](Tx& tx) -> Result<std::vector<HotAlert>> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql("SELECT id, category_code, leader_request_id, title, requesters,"
                                                " threshold, department_ids, created_at, updated_at"
                                                " FROM results_hot_alerts ORDER BY created_at DESC, id DESC LIMIT ?"),
                                            static_cast<int64_t>(limit)));
    std::vector<HotAlert> out;
    for (size_t i = 0; i < rows.size(); ++i) {
      HotAlert a;
      a.id = rows[i].i64("id");
      a.category_code = rows[i].text("category_code");
      a.leader_request_id = rows[i].i64("leader_request_id");
      a.title = rows[i].text("title");
      a.requesters = rows[i].i64("requesters");
      a.threshold = rows[i].i64("threshold");
      auto depts = nlohmann::json::parse(rows[i].text("department_ids"), nullptr, false);
      if (depts.is_array()) {
        for (const auto& d : depts) {
          if (d.is_number_integer()) a.department_ids.push_back(d.get<int64_t>());
        }
      }
      a.created_at = FromUnixMillis(rows[i].i64("created_at"));
      a.updated_at = FromUnixMillis(rows[i].i64("updated_at"));
      // A handler sees the alerts addressed to their department.
      if (actor.role == Role::kHandler &&
          (!actor.department_id || std::find(a.department_ids.begin(), a.department_ids.end(), *actor.department_id) ==
                                       a.department_ids.end())) {
        continue;
      }
      out.push_back(std::move(a));
    }
    return out;
  });
}

}  // namespace zhitong::results_service
