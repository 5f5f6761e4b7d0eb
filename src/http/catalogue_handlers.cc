#include "http/catalogue_handlers.h"

#include <nlohmann/json.hpp>

#include "http/auth_context.h"
#include "http/json_input.h"

namespace zhitong::http {
namespace {

using nlohmann::json;
using requests_service::RequestService;

json CategoryJson(const requests_service::Category& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"name_en", c.name_en},
          {"department_id", c.department_id ? json(*c.department_id) : json(nullptr)},
          {"reply_days", c.reply_days},
          {"urgent_hours", c.urgent_hours},
          {"active", c.active},
          {"sort_order", c.sort_order}};
}

json YearJson(const requests_service::CalendarYearView& v) {
  json days = json::array();
  for (const auto& d : v.days) {
    days.push_back({{"date", d.date}, {"kind", d.kind}, {"name", d.name}, {"name_en", d.name_en}});
  }
  return {{"year", v.year}, {"listed", v.listed}, {"covered", v.covered}, {"source", v.source}, {"days", days}};
}

template <class F>
Handler Authed(access::Auth& auth, F fn) {
  return [&auth, fn](const Request& r) -> Response {
    auto actor = Authenticate(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    return fn(r, *actor);
  };
}

Response SaveCategory(RequestService& service, const Request& r, const access::Actor& a, bool create) {
  auto body = ParseJsonObject(r);
  if (!body) return ErrorResponse(body.error());
  JsonReader in(*body);
  requests_service::CategoryEdit e;
  std::string code = r.Param("code");
  if (create) {
    code = in.String("code", {.required = true, .min_chars = 1, .max_chars = 64}).value_or("");
    if (!code.empty() && code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
      in.Fail("code", "code must be 1–64 characters of a–z, 0–9 and _", "编码须为 1–64 个小写字母、数字或下划线");
    }
  } else if (body->contains("code") && (*body)["code"] != code) {
    in.Fail("code", "the code of a category cannot change (create another one)", "类别编码不可修改（可另建类别）");
  }
  e.name = in.String("name", {.required = create, .min_chars = 1, .max_chars = 50});
  e.name_en = in.String("name_en", {.max_chars = 100});
  if (body->contains("department_id")) {
    if ((*body)["department_id"].is_null()) {
      e.department_id = std::optional<int64_t>();
    } else if (auto d = in.Int("department_id", false, 1, INT64_MAX)) {
      e.department_id = std::optional<int64_t>(*d);
    }
  }
  if (auto v = in.Int("reply_days", false, 1, 60)) e.reply_days = static_cast<int>(*v);
  if (auto v = in.Int("urgent_hours", false, 1, 720)) e.urgent_hours = static_cast<int>(*v);
  e.active = in.Bool("active", false);
  if (auto v = in.Int("sort_order", false, 0, 100000)) e.sort_order = static_cast<int>(*v);
  if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
  auto saved = service.SaveCategory(a, code, e, create, r.request_id);
  if (!saved) return ErrorResponse(saved.error());
  return Json(create ? 201 : 200, CategoryJson(*saved));
}

Result<int> Year(const Request& r) {
  auto year = ParseId(r.Param("year"));
  if (!year || *year < 1990 || *year > 2100) {
    Error e = Error::Invalid("input.invalid", "invalid input: year must be 1990–2100", "输入有误：年份须为 1990–2100");
    e.fields.push_back({"year", "year must be 1990–2100", "年份须为 1990–2100"});
    return e;
  }
  return static_cast<int>(*year);
}

Response PutYear(RequestService& service, const Request& r, const access::Actor& a) {
  auto year = Year(r);
  if (!year) return ErrorResponse(year.error());
  auto body = ParseJsonObject(r);
  if (!body) return ErrorResponse(body.error());
  JsonReader in(*body);
  requests_service::CalendarYearInput input;
  input.source = in.String("source", {.max_chars = 500}).value_or("");
  input.covered = in.Bool("covered", false).value_or(true);
  if (!body->contains("days") || !(*body)["days"].is_array()) {
    in.Fail("days", "days must be an array of {date, kind, name, name_en}", "days 须为 {date, kind, name, name_en} 数组");
  } else if ((*body)["days"].size() > 366) {
    in.Fail("days", "a year has at most 366 days", "一年最多 366 天");
  } else {
    size_t i = 0;
    for (const auto& d : (*body)["days"]) {
      const std::string field = "days[" + std::to_string(i++) + "]";
      if (!d.is_object()) {
        in.Fail(field, field + " must be an object {date, kind, name, name_en}", field + " 须为对象 {date, kind, name, name_en}");
        continue;
      }
      JsonReader day(d);
      requests_service::CalendarDay x;
      x.date = day.String("date", {.required = true, .max_chars = 10}).value_or("");
      // The kind is checked with the dates, by the service, so that one answer names every problem.
      x.kind = day.String("kind", {.required = true, .max_chars = 20}).value_or("");
      x.name = day.String("name", {.max_chars = 50}).value_or("");
      x.name_en = day.String("name_en", {.max_chars = 100}).value_or("");
      if (auto st = day.Finish(); !st) {
        for (const auto& f : st.error().fields) in.Fail(field + "." + f.field, f.message, f.message_zh);
        continue;
      }
      input.days.push_back(std::move(x));
    }
  }
  if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
  auto saved = service.PutCalendarYear(a, *year, input, r.request_id);
  if (!saved) return ErrorResponse(saved.error());
  return Json(200, YearJson(*saved));
}

}  // namespace

void RegisterCatalogueRoutes(Routes& routes, access::Auth& auth, RequestService& service) {
  routes.Get("/api/v1/categories/all", Authed(auth, [&service](const Request&, const access::Actor& a) {
    auto list = service.AllCategories(a);
    if (!list) return ErrorResponse(list.error());
    json items = json::array();
    for (const auto& c : *list) items.push_back(CategoryJson(c));
    return Json(200, {{"items", items}});
  }));
  routes.Post("/api/v1/categories", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return SaveCategory(service, r, a, /*create=*/true);
  }));
  routes.Patch("/api/v1/categories/:code", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return SaveCategory(service, r, a, /*create=*/false);
  }));
  routes.Get("/api/v1/calendar/:year", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto year = Year(r);
    if (!year) return ErrorResponse(year.error());
    return JsonOr(service.CalendarYear(a, *year).map([](const auto& v) { return YearJson(v); }));
  }));
  routes.Put("/api/v1/calendar/:year", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return PutYear(service, r, a);
  }));
}

}  // namespace zhitong::http
