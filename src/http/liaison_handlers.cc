#include "http/liaison_handlers.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/auth_context.h"
#include "http/json_input.h"
#include "liaison_service/coverage_export.h"
#include "liaison_service/json.h"

namespace zhitong::http {
namespace {

using nlohmann::json;
namespace ls = liaison_service;

constexpr int64_t kMaxId = INT64_MAX;

template <class F>
Handler Authed(access::Auth& auth, F fn) {
  return [&auth, fn](const Request& r) -> Response {
    auto actor = Authenticate(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    return fn(r, *actor);
  };
}

Result<std::optional<directory::Date>> QueryDate(const Request& r, const std::string& name) {
  auto text = r.Query(name);
  if (!text || text->empty()) return std::optional<directory::Date>();
  auto date = ParseDate(*text);
  if (!date) {
    return Error::Invalid("query.invalid", "query parameter " + name + " must be a date YYYY-MM-DD",
                          "查询参数 " + name + " 应为日期（YYYY-MM-DD）");
  }
  return std::optional<directory::Date>(*date);
}

Result<std::optional<int64_t>> QueryId(const Request& r, const std::string& name) {
  if (!r.Query(name)) return std::optional<int64_t>();
  ZT_ASSIGN_OR_RETURN(int64_t id, QueryInt(r, name, 0, 1, kMaxId));
  return std::optional<int64_t>(id);
}

Result<ls::AssignmentFilter> ReadAssignmentFilter(const Request& r) {
  ls::AssignmentFilter f;
  ZT_ASSIGN_OR_RETURN(auto paging, ReadPaging(r));
  f.limit = paging.limit;
  f.offset = paging.offset;
  ZT_ASSIGN_OR_RETURN(f.official_id, QueryId(r, "official_id"));
  ZT_ASSIGN_OR_RETURN(f.enterprise_id, QueryId(r, "enterprise_id"));
  ZT_ASSIGN_OR_RETURN(f.region_id, QueryId(r, "region_id"));
  ZT_ASSIGN_OR_RETURN(auto at, QueryDate(r, "at"));
  ZT_ASSIGN_OR_RETURN(f.from, QueryDate(r, "from"));
  ZT_ASSIGN_OR_RETURN(f.to, QueryDate(r, "to"));
  if (at) {
    if (f.from || f.to) {
      return Error::Invalid("query.invalid", "give either at or from/to, not both", "at 与 from/to 只能二选一");
    }
    f.from = f.to = at;
  }
  if (auto s = r.Query("status"); s && !s->empty()) {
    ZT_ASSIGN_OR_RETURN(f.status, ls::ParseAssignmentStatus(*s));
  }
  return f;
}

Response CoverageResponse(const Request& r, ls::LiaisonService& liaison, const access::Actor& a,
                          const std::string& format) {
  ls::CoverageOptions options;
  auto region = QueryId(r, "region_id");
  if (!region) return ErrorResponse(region.error());
  options.region_id = *region;
  auto stale = QueryInt(r, "stale_days", 90, 1, 3650);
  if (!stale) return ErrorResponse(stale.error());
  options.stale_days = static_cast<int>(*stale);
  auto limit = QueryInt(r, "not_contacted_limit", 200, 0, 100000);
  if (!limit) return ErrorResponse(limit.error());
  options.not_contacted_limit = static_cast<int>(*limit);
  if (format != "json" && format != "csv" && format != "xlsx") {
    return ErrorResponse(Error::Invalid("query.invalid", "format must be json, csv or xlsx", "format 应为 json、csv 或 xlsx"));
  }
  auto report = liaison.Coverage(a, options);
  if (!report) return ErrorResponse(report.error());
  if (format == "json") return Json(200, ls::ToJson(*report));
  Response resp;
  if (format == "csv") {
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = ls::CoverageCsv(*report);
  } else {
    auto bytes = ls::CoverageXlsx(*report);
    if (!bytes) return ErrorResponse(bytes.error());
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = std::move(*bytes);
  }
  resp.Header("Content-Disposition", "attachment; filename=\"coverage." + format + "\"");
  resp.Header("Cache-Control", "no-store");
  return resp;
}

}  // namespace

void RegisterLiaisonRoutes(Routes& routes, access::Auth& auth, ls::LiaisonService& liaison) {
  routes.Post("/api/v1/liaison/plan", Authed(auth, [&liaison](const Request&, const access::Actor& a) {
    return JsonOr(liaison.Plan(a).map([](const ls::PlanReport& p) { return ls::ToJson(p); }));
  }));
  routes.Post("/api/v1/liaison/plan/apply", Authed(auth, [&liaison](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    auto digest = in.String("digest", {.required = true, .min_chars = 64, .max_chars = 64});
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    return JsonOr(liaison.Apply(a, *digest).map([](const ls::ApplyOutcome& o) { return ls::ToJson(o); }));
  }));
  routes.Get("/api/v1/liaison/assignments", Authed(auth, [&liaison](const Request& r, const access::Actor& a) {
    auto filter = ReadAssignmentFilter(r);
    if (!filter) return ErrorResponse(filter.error());
    return JsonOr(liaison.ListAssignments(a, *filter).map([](const ls::Page<ls::AssignmentRecord>& p) {
      json items = json::array();
      for (const auto& x : p.items) items.push_back(ls::ToJson(x));
      return json{{"items", std::move(items)}, {"total", p.total}, {"limit", p.limit}, {"offset", p.offset}};
    }));
  }));
  routes.Get("/api/v1/officials/:id/enterprises", Authed(auth, [&liaison](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(liaison.EnterprisesOf(a, *id).map([](const std::vector<ls::ServedEnterprise>& list) {
      json items = json::array();
      for (const auto& x : list) items.push_back(ls::ToJson(x));
      return json{{"items", std::move(items)}, {"total", list.size()}};
    }));
  }));
  routes.Get("/api/v1/liaison/coverage", Authed(auth, [&liaison](const Request& r, const access::Actor& a) {
    return CoverageResponse(r, liaison, a, r.Query("format").value_or("json"));
  }));
}

}  // namespace zhitong::http
