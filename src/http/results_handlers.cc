#include "http/results_handlers.h"

#include <nlohmann/json.hpp>

#include "http/auth_context.h"
#include "results_service/export.h"
#include "results_service/report.h"

namespace zhitong::http {
namespace {

using nlohmann::json;
using results::Counter;
using results::UnitKind;
using results_service::ResultsService;
using results_service::UnitFigures;

json Rate(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

json UnitId(UnitKind kind, const std::string& id) {
  if (kind == UnitKind::kCity || id.empty()) return nullptr;
  if (kind == UnitKind::kCategory) return id;
  try {
    return std::stoll(id);
  } catch (...) {
    return id;
  }
}

json PeriodJson(const results::Period& p) {
  return {{"label", p.label},
          {"kind", results::Name(p.kind)},
          {"from", results::FormatDay(p.from)},
          {"to", results::FormatDay(p.to)}};
}

json DefinitionsJson(const results::Definitions& d) {
  json formulas = json::array();
  for (const auto& f : results::Describe(d)) {
    formulas.push_back({{"key", f.key}, {"formula", f.formula}, {"en", f.en}, {"zh", f.zh}});
  }
  return {{"weights",
           {{"response_rate", d.weights.response},
            {"resolution_rate", d.weights.resolution},
            {"satisfaction_rate", d.weights.satisfaction}}},
          {"satisfied_from", requests::Name(d.satisfied_from)},
          {"unrated_closures_solved", d.unrated_closures_solved},
          {"formulas", formulas},
          {"document", "docs/RESULTS.md"}};
}

json RateParts(const results::Rate& r) {
  return {{"numerator", r.numerator}, {"denominator", r.denominator}, {"value", Rate(r.value)}};
}

json CountsJson(const results::Counts& kept, const results_service::OpenOverdue& open) {
  json c = json::object();
  for (Counter k : results::AllCounters()) c[std::string(results::Name(k))] = kept[k];
  c["sign_due"] = kept[Counter::kSignDue] + open.signs;
  c["overdue"] = kept[Counter::kOverdue] + open.replies;
  c["open_overdue_signs"] = open.signs;
  c["open_overdue_replies"] = open.replies;
  return c;
}

json FiguresJson(UnitKind kind, const UnitFigures& f) {
  json movement = nullptr;
  if (f.rank && f.previous_rank) movement = *f.previous_rank - *f.rank;
  return {{"id", UnitId(kind, f.id)},
          {"name", f.name},
          {"name_en", f.name_en},
          {"response_rate", Rate(f.rates.response.value)},
          {"resolution_rate", Rate(f.rates.resolution.value)},
          {"satisfaction_rate", Rate(f.rates.satisfaction.value)},
          {"composite", Rate(f.rates.composite)},
          {"rank", Opt(f.rank)},
          {"previous_rank", Opt(f.previous_rank)},
          {"movement", movement},
          {"previous_composite", Rate(f.previous_composite)},
          {"response", RateParts(f.rates.response)},
          {"resolution", RateParts(f.rates.resolution)},
          {"satisfaction", RateParts(f.rates.satisfaction)},
          {"counts", CountsJson(f.counts, f.open_overdue)}};
}

json RatesJson(const results_service::RatesResult& r) {
  json items = json::array();
  for (const auto& f : r.items) items.push_back(FiguresJson(r.group, f));
  return {{"group", results_service::GroupName(r.group)},
          {"period", PeriodJson(r.period)},
          {"previous_period", PeriodJson(r.previous)},
          {"items", items},
          {"overall", FiguresJson(UnitKind::kCity, r.overall)},
          {"definitions", DefinitionsJson(r.definitions)}};
}

Error BadQuery(const std::string& field, const std::string& en, const std::string& zh) {
  Error e = Error::Invalid("input.invalid", "invalid query: " + en, "查询参数有误：" + zh);
  e.fields.push_back({field, en, zh});
  return e;
}

// The current month in Shanghai.
results::Period CurrentMonth(const Clock& clock) { return results::MonthOf(results::DayOf(clock.Now())); }

Result<results::Period> ReadPeriod(const Request& r, const Clock& clock) {
  auto text = r.Query("period");
  if (!text || text->empty()) return CurrentMonth(clock);
  auto p = results::ParsePeriod(*text);
  if (!p) return BadQuery("period", p.error().message, p.error().message_zh);
  return p;
}

Result<UnitKind> ReadGroup(const Request& r, UnitKind fallback) {
  auto text = r.Query("group");
  if (!text || text->empty()) return fallback;
  auto g = results_service::ParseGroup(*text);
  if (!g) {
    return BadQuery("group", "group must be one of: department, region, liaison, category, city",
                    "group 须为以下之一：department, region, liaison, category, city");
  }
  return *g;
}

Result<std::optional<results::Weights>> ReadWeights(const Request& r) {
  auto text = r.Query("weights");
  if (!text || text->empty()) return std::optional<results::Weights>{};
  auto w = results::ParseWeights(*text);
  if (!w) return BadQuery("weights", w.error().message, w.error().message_zh);
  return std::optional<results::Weights>(*w);
}

Result<int64_t> ReadInt(const Request& r, const std::string& name, int64_t fallback, int64_t lo, int64_t hi) {
  auto text = r.Query(name);
  if (!text || text->empty()) return fallback;
  int64_t v = 0;
  bool ok = text->size() <= 9;
  for (char c : *text) {
    if (c < '0' || c > '9') ok = false;
  }
  if (ok) v = std::stoll(*text);
  if (!ok || v < lo || v > hi) {
    return BadQuery(name, name + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi),
                    name + " 须为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 的整数");
  }
  return v;
}

Result<results_service::RatesQuery> ReadRatesQuery(const Request& r, const Clock& clock) {
  results_service::RatesQuery q;
  ZT_ASSIGN_OR_RETURN(q.group, ReadGroup(r, UnitKind::kDepartment));
  ZT_ASSIGN_OR_RETURN(q.period, ReadPeriod(r, clock));
  ZT_ASSIGN_OR_RETURN(q.weights, ReadWeights(r));
  return q;
}

Response File(std::string bytes, const std::string& content_type, const std::string& filename) {
  Response resp;
  resp.content_type = content_type;
  resp.body = std::move(bytes);
  resp.Header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  resp.Header("Cache-Control", "no-store");
  return resp;
}

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Response TableDownload(const Request& r, const directory_service::Table& table, const std::vector<bool>& numeric,
                       const std::string& name) {
  const std::string format = r.Query("format").value_or("csv");
  if (format == "csv") return File(directory_service::WriteCsv(table), "text/csv; charset=utf-8", name + ".csv");
  if (format != "xlsx") {
    return ErrorResponse(BadQuery("format", "format must be csv or xlsx", "format 须为 csv 或 xlsx"));
  }
  auto bytes = directory_service::WriteXlsx(table, name, numeric);
  if (!bytes) return ErrorResponse(bytes.error());
  return File(std::move(*bytes), kXlsxType, name + ".xlsx");
}

json HotIssuesJson(const results_service::HotIssuesResult& h) {
  json items = json::array();
  for (const auto& i : h.items) {
    json regions = json::array();
    for (const auto& [id, name] : i.regions) regions.push_back({{"id", id}, {"name", name}});
    json examples = json::array();
    for (const auto& e : i.examples) {
      examples.push_back({{"request_id", e.request_id},
                          {"title", e.title},
                          {"excerpt", e.excerpt},
                          {"enterprise_name", e.enterprise_name},
                          {"submitted_at", FormatShanghai(e.submitted_at)},
                          {"link", "/requests/" + std::to_string(e.request_id)},
                          {"api", "/api/v1/requests/" + std::to_string(e.request_id)}});
    }
    items.push_back({{"title", i.title},
                     {"count", i.requesters},
                     {"requesters", i.requesters},
                     {"requests", i.requests},
                     {"category_code", i.category_code},
                     {"category_name", i.category_name},
                     {"regions", regions},
                     {"first_at", FormatShanghai(i.first_at)},
                     {"last_at", FormatShanghai(i.last_at)},
                     {"examples", examples}});
  }
  return {{"period", PeriodJson(h.period)},
          {"items", items},
          {"definitions",
           {{"count", "distinct requesters (enterprises; a citizen counts as themselves)"},
            {"min_requesters", h.min_requesters},
            {"similarity_threshold", h.options.threshold},
            {"region_bonus", h.options.region_bonus},
            {"method",
             "requests of the period in the same category whose character n-gram cosine similarity (plus the region "
             "bonus when in the same region) to the cluster's first request reaches the threshold"},
            {"method_zh", "同一期间、同一类别中，与该组首件诉求的汉字 n 元组余弦相似度（同区县另加奖励分）达到阈值的诉求归为一组"},
            {"document", "docs/RESULTS.md"}}}};
}

Result<results_service::HotIssuesResult> ReadAndFindHotIssues(ResultsService& s, const Clock& clock,
                                                              const Request& r, const access::Actor& a) {
  ZT_ASSIGN_OR_RETURN(auto period, ReadPeriod(r, clock));
  ZT_ASSIGN_OR_RETURN(int64_t limit, ReadInt(r, "limit", 10, 1, 100));
  ZT_ASSIGN_OR_RETURN(int64_t min_requesters, ReadInt(r, "min_requesters", 2, 1, 1000000));
  std::optional<std::string> category = r.Query("category");
  if (category && category->empty()) category.reset();
  if (category && category->size() > 64) return BadQuery("category", "category is too long", "category 过长");
  return s.HotIssues(a, period, static_cast<size_t>(limit), static_cast<size_t>(min_requesters), category);
}

template <class F>
Handler Authed(access::Auth& auth, F fn) {
  return [&auth, fn](const Request& r) -> Response {
    auto actor = Authenticate(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    return fn(r, *actor);
  };
}

}  // namespace

void RegisterResultsRoutes(Routes& routes, access::Auth& auth, ResultsService& s, const Clock& clock) {
  routes.Get("/api/v1/results/definitions", Authed(auth, [&s](const Request&, const access::Actor&) {
    return Json(200, DefinitionsJson(s.definitions()));
  }));
  routes.Get("/api/v1/results/rates", Authed(auth, [&s, &clock](const Request& r, const access::Actor& a) {
    auto q = ReadRatesQuery(r, clock);
    if (!q) return ErrorResponse(q.error());
    return JsonOr(s.Rates(a, *q).map(RatesJson));
  }));
  routes.Get("/api/v1/results/rates/export", Authed(auth, [&s, &clock](const Request& r, const access::Actor& a) {
    auto q = ReadRatesQuery(r, clock);
    if (!q) return ErrorResponse(q.error());
    auto result = s.Rates(a, *q);
    if (!result) return ErrorResponse(result.error());
    auto table = results_service::RatesTable(*result);
    return TableDownload(r, table, results_service::RatesTableNumeric(table),
                         "rates-" + std::string(results_service::GroupName(q->group)) + "-" + q->period.label);
  }));
  routes.Get("/api/v1/results/rankings", Authed(auth, [&s, &clock](const Request& r, const access::Actor& a) {
    auto q = ReadRatesQuery(r, clock);
    if (!q) return ErrorResponse(q.error());
    auto size = ReadInt(r, "size", 5, 1, 100);
    if (!size) return ErrorResponse(size.error());
    auto result = s.Rates(a, *q);
    if (!result) return ErrorResponse(result.error());
    json out = RatesJson(*result);
    // Red list: the best composites; black list: the worst, worst first; a unit is on one only.
    std::vector<const UnitFigures*> ranked;
    for (const auto& f : result->items) {
      if (f.rank) ranked.push_back(&f);
    }
    const size_t n = std::min<size_t>(static_cast<size_t>(*size), (ranked.size() + 1) / 2);
    json red = json::array(), black = json::array();
    for (size_t i = 0; i < n; ++i) red.push_back(FiguresJson(q->group, *ranked[i]));
    for (size_t i = 0; i < std::min<size_t>(static_cast<size_t>(*size), ranked.size() - n); ++i) {
      black.push_back(FiguresJson(q->group, *ranked[ranked.size() - 1 - i]));
    }
    out["red"] = red;
    out["black"] = black;
    return Json(200, out);
  }));
  routes.Get("/api/v1/results/trends", Authed(auth, [&s, &clock](const Request& r, const access::Actor& a) {
    auto group = ReadGroup(r, UnitKind::kCity);
    if (!group) return ErrorResponse(group.error());
    auto months = ReadInt(r, "months", 12, 1, 120);
    if (!months) return ErrorResponse(months.error());
    auto weights = ReadWeights(r);
    if (!weights) return ErrorResponse(weights.error());
    results::DayKey last = results::DayOf(clock.Now());
    if (auto to = r.Query("to"); to && !to->empty()) {
      auto p = results::ParsePeriod(*to);
      if (!p || p->kind != results::PeriodKind::kMonth) {
        return ErrorResponse(BadQuery("to", "to must be a month (2025-03)", "to 须为月份（如 2025-03）"));
      }
      last = p->to;
    }
    const std::string id = r.Query("id").value_or("");
    if (*group != UnitKind::kCity && id.empty()) {
      return ErrorResponse(BadQuery("id", "id is required unless group is city", "group 不为 city 时须给出 id"));
    }
    auto trend = s.Trend(a, *group, id, last, static_cast<int>(*months), *weights);
    if (!trend) return ErrorResponse(trend.error());
    json points = json::array();
    for (const auto& p : trend->points) {
      json counts = json::object();
      for (Counter k : results::AllCounters()) counts[std::string(results::Name(k))] = p.counts[k];
      points.push_back({{"period", p.month.label},
                        {"response_rate", Rate(p.rates.response.value)},
                        {"resolution_rate", Rate(p.rates.resolution.value)},
                        {"satisfaction_rate", Rate(p.rates.satisfaction.value)},
                        {"composite", Rate(p.rates.composite)},
                        {"counts", counts}});
    }
    return Json(200, {{"group", results_service::GroupName(trend->group)},
                      {"id", UnitId(trend->group, trend->unit)},
                      {"name", trend->name},
                      {"items", points},
                      {"definitions", DefinitionsJson(trend->definitions)}});
  }));
  routes.Get("/api/v1/results/hot-issues", Authed(auth, [&s, &clock](const Request& r, const access::Actor& a) {
    return JsonOr(ReadAndFindHotIssues(s, clock, r, a).map(HotIssuesJson));
  }));
  routes.Get("/api/v1/results/hot-issues/export", Authed(auth, [&s, &clock](const Request& r, const access::Actor& a) {
    auto h = ReadAndFindHotIssues(s, clock, r, a);
    if (!h) return ErrorResponse(h.error());
    auto table = results_service::HotIssuesTable(*h);
    std::vector<bool> numeric(table[0].size(), false);
    numeric[0] = numeric[2] = numeric[3] = true;
    return TableDownload(r, table, numeric, "hot-issues-" + h->period.label);
  }));
  routes.Get("/api/v1/results/hot-alerts", Authed(auth, [&s](const Request& r, const access::Actor& a) {
    auto limit = ReadInt(r, "limit", 50, 1, 500);
    if (!limit) return ErrorResponse(limit.error());
    auto alerts = s.HotAlerts(a, static_cast<size_t>(*limit));
    if (!alerts) return ErrorResponse(alerts.error());
    json items = json::array();
    for (const auto& al : *alerts) {
      items.push_back({{"id", al.id},
                       {"category_code", al.category_code},
                       {"leader_request_id", al.leader_request_id},
                       {"title", al.title},
                       {"requesters", al.requesters},
                       {"threshold", al.threshold},
                       {"department_ids", al.department_ids},
                       {"created_at", FormatShanghai(al.created_at)},
                       {"updated_at", FormatShanghai(al.updated_at)},
                       {"link", "/requests/" + std::to_string(al.leader_request_id)}});
    }
    return Json(200, {{"items", items}});
  }));
  routes.Get("/api/v1/results/report", Authed(auth, [&s, &clock](const Request& r, const access::Actor& a) {
    auto text = r.Query("period");
    results::Period period = CurrentMonth(clock);
    if (text && !text->empty()) {
      auto p = results::ParsePeriod(*text);
      if (!p || p->kind != results::PeriodKind::kMonth) {
        return ErrorResponse(BadQuery("period", "period must be a month (2025-03)", "period 须为月份（如 2025-03）"));
      }
      period = *p;
    }
    auto bytes = results_service::MonthlyReportXlsx(s, a, period);
    if (!bytes) return ErrorResponse(bytes.error());
    return File(std::move(*bytes), kXlsxType, "report-" + period.label + ".xlsx");
  }));
}

}  // namespace zhitong::http
