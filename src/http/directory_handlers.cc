#include "http/directory_handlers.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "directory_service/category_codes.h"
#include "directory_service/json.h"
#include "directory_service/tabular.h"
#include "http/auth_context.h"
#include "http/json_input.h"

namespace zhitong::http {
namespace {

using nlohmann::json;
namespace ds = directory_service;
namespace d = directory;

constexpr int64_t kMaxId = INT64_MAX;

template <class F>
Handler Authed(access::Auth& auth, F fn) {
  return [&auth, fn](const Request& r) -> Response {
    auto actor = Authenticate(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    return fn(r, *actor);
  };
}

template <class T>
json Items(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& x : items) out.push_back(ds::ToJson(x));
  return out;
}

template <class T>
json PageJson(const ds::Page<T>& p) {
  return {{"items", Items(p.items)}, {"total", p.total}, {"limit", p.limit}, {"offset", p.offset}};
}

// A JSON body's fields onto an entity: only the fields present change, so the same function
// serves POST (onto an empty entity, `create` makes the identifying fields required) and PATCH.
Result<void> ApplyRegion(const json& body, d::Region& r) {
  JsonReader in(body);
  if (auto v = in.String("code", {.required = true, .max_chars = 6})) r.code = *v;
  if (auto v = in.String("name", {.required = true, .max_chars = 50})) r.name = *v;
  if (auto v = in.String("name_en", {.max_chars = 200})) r.name_en = *v;
  if (auto v = in.Enum("kind", true, {"city", "district", "county", "zone"})) r.kind = *d::Parse<d::RegionKind>(*v);
  if (auto v = in.Int("parent_id", false, 1, kMaxId)) r.parent_id = *v;
  return in.Finish();
}

Result<void> ApplyDepartment(const json& body, d::Department& dep, bool create) {
  JsonReader in(body);
  if (auto v = in.String("code", {.required = create, .max_chars = 40})) dep.code = *v;
  if (auto v = in.String("name", {.required = create, .max_chars = 50})) dep.name = *v;
  if (auto v = in.String("name_en", {.max_chars = 200})) dep.name_en = *v;
  if (auto v = in.Int("region_id", create, 1, kMaxId)) dep.region_id = *v;
  if (in.Has("categories")) {
    const json& cats = body["categories"];
    if (!cats.is_array()) {
      in.Fail("categories", "categories is a list of category codes", "categories 应为诉求类别代码的列表");
    } else {
      dep.categories.clear();
      for (const auto& c : cats) {
        auto parsed = ds::CategoryFromCode(c.is_string() ? c.get<std::string>() : c.dump());
        if (!parsed) {
          in.Fail("categories", parsed.error().message, parsed.error().message_zh);
        } else {
          dep.categories.push_back(*parsed);
        }
      }
    }
  } else if (create) {
    in.Fail("categories", "categories is required", "categories 为必填项");
  }
  return in.Finish();
}

std::optional<d::Date> ReadDate(JsonReader& in, const std::string& key, bool required) {
  auto text = in.String(key, {.required = required, .max_chars = 10});
  if (!text) return std::nullopt;
  auto date = ParseDate(*text);
  if (!date) {
    in.Fail(key, key + " must be a date YYYY-MM-DD", key + " 应为日期（YYYY-MM-DD）");
    return std::nullopt;
  }
  return *date;
}

Result<void> ApplyOfficial(const json& body, d::Official& o, bool create) {
  JsonReader in(body);
  if (auto v = in.String("name", {.required = create, .max_chars = 30})) o.name = *v;
  if (auto v = in.Enum("rank", create, {"city", "district"})) o.rank = *d::Parse<d::Rank>(*v);
  if (auto v = in.Int("region_id", create, 1, kMaxId)) o.region_id = *v;
  if (body.contains("department_id") && body["department_id"].is_null()) {
    o.department_id.reset();
  } else if (auto v = in.Int("department_id", false, 1, kMaxId)) {
    o.department_id = *v;
  }
  if (auto v = in.String("title", {.max_chars = 100})) o.title = *v;
  if (auto v = in.Int("liaison_capacity", false, 0, 100000)) o.liaison_capacity = static_cast<int>(*v);
  if (in.Has("industries")) {
    const json& list = body["industries"];
    if (!list.is_array() || !std::all_of(list.begin(), list.end(), [](const json& x) { return x.is_string(); })) {
      in.Fail("industries", "industries is a list of GB/T 4754 division codes", "industries 应为行业大类代码的列表");
    } else {
      o.industries = list.get<std::vector<std::string>>();
    }
  }
  if (in.Has("conflicts")) {
    const json& list = body["conflicts"];
    o.conflicts.clear();
    bool ok = list.is_array();
    for (size_t i = 0; ok && i < list.size(); ++i) {
      const json& c = list[i];
      ok = c.is_object() && c.contains("enterprise_id") && c["enterprise_id"].is_number_integer() &&
           (!c.contains("reason") || c["reason"].is_string());
      if (ok) o.conflicts.push_back({c["enterprise_id"].get<int64_t>(), c.value("reason", "")});
    }
    if (!ok) {
      in.Fail("conflicts", "conflicts is a list of {enterprise_id, reason}", "conflicts 应为 {enterprise_id, reason} 的列表");
    }
  }
  if (auto v = ReadDate(in, "active_from", create)) o.active_from = *v;
  if (body.contains("active_to") && body["active_to"].is_null()) {
    o.active_to.reset();
  } else if (auto v = ReadDate(in, "active_to", false)) {
    o.active_to = *v;
  }
  return in.Finish();
}

Result<void> ApplyEnterprise(const json& body, d::Enterprise& e, bool create) {
  JsonReader in(body);
  if (auto v = in.String("uscc", {.required = create, .max_chars = 40})) e.uscc = *v;
  if (auto v = in.String("name", {.required = create, .max_chars = 100})) e.name = *v;
  if (auto v = in.Int("region_id", create, 1, kMaxId)) e.region_id = *v;
  if (auto v = in.String("address", {.max_chars = 200})) e.address = *v;
  if (auto v = in.String("industry_code", {.required = create, .max_chars = 2})) e.industry_code = *v;
  if (auto v = in.Bool("above_scale", false)) e.above_scale = *v;
  if (auto v = in.Bool("is_key", false)) e.is_key = *v;
  if (auto v = in.Int("employees", false, 0, 100'000'000)) e.employees = *v;
  if (auto v = in.Int("annual_revenue", false, 0, INT64_MAX)) e.annual_revenue = *v;
  if (auto v = in.String("contact_name", {.max_chars = 30})) e.contact_name = *v;
  if (auto v = in.String("contact_phone", {.max_chars = 30})) e.contact_phone = *v;
  return in.Finish();
}

// The version a PATCH must carry.
Result<int64_t> ReadVersion(const json& body) {
  JsonReader in(body);
  auto v = in.Int("version", true, 1, INT64_MAX);
  ZT_TRY(in.Finish());
  return *v;
}

Result<std::optional<bool>> QueryBool(const Request& r, const std::string& name) {
  auto v = r.Query(name);
  if (!v || v->empty()) return std::optional<bool>();
  if (*v == "true" || *v == "1") return std::optional<bool>(true);
  if (*v == "false" || *v == "0") return std::optional<bool>(false);
  return Error::Invalid("query.invalid", "query parameter " + name + " must be true or false",
                        "查询参数 " + name + " 应为 true 或 false");
}

Result<ds::EnterpriseFilter> ReadEnterpriseFilter(const Request& r) {
  ds::EnterpriseFilter f;
  ZT_ASSIGN_OR_RETURN(auto paging, ReadPaging(r));
  f.limit = paging.limit;
  f.offset = paging.offset;
  if (r.Query("region_id")) {
    ZT_ASSIGN_OR_RETURN(f.region_id, QueryInt(r, "region_id", 0, 1, kMaxId));
  }
  if (auto v = r.Query("industry"); v && !v->empty()) f.industry = *v;
  ZT_ASSIGN_OR_RETURN(f.is_key, QueryBool(r, "is_key"));
  ZT_ASSIGN_OR_RETURN(f.above_scale, QueryBool(r, "above_scale"));
  if (auto v = r.Query("q"); v && !v->empty()) f.q = v->substr(0, 100);
  if (auto v = r.Query("sort"); v && !v->empty()) {
    ZT_ASSIGN_OR_RETURN(f.sort, ds::ParseEnterpriseSort(*v));
  }
  return f;
}

Result<ds::OfficialFilter> ReadOfficialFilter(const Request& r) {
  ds::OfficialFilter f;
  ZT_ASSIGN_OR_RETURN(auto paging, ReadPaging(r));
  f.limit = paging.limit;
  f.offset = paging.offset;
  if (r.Query("region_id")) {
    ZT_ASSIGN_OR_RETURN(f.region_id, QueryInt(r, "region_id", 0, 1, kMaxId));
  }
  if (r.Query("department_id")) {
    ZT_ASSIGN_OR_RETURN(f.department_id, QueryInt(r, "department_id", 0, 1, kMaxId));
  }
  if (auto v = r.Query("rank"); v && !v->empty()) {
    ZT_ASSIGN_OR_RETURN(f.rank, d::Parse<d::Rank>(*v));
  }
  if (auto v = r.Query("q"); v && !v->empty()) f.q = v->substr(0, 100);
  if (auto v = r.Query("sort"); v && !v->empty()) {
    ZT_ASSIGN_OR_RETURN(f.sort, ds::ParseOfficialSort(*v));
  }
  return f;
}

// The table as a download in the format the query asks for (csv, the default, or xlsx).
Response Download(const Request& r, Result<ds::Table> table, const std::string& name) {
  if (!table) return ErrorResponse(table.error());
  const std::string format = r.Query("format").value_or("csv");
  Response resp;
  if (format == "csv") {
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = ds::WriteCsv(*table);
  } else if (format == "xlsx") {
    std::vector<bool> numeric(table->empty() ? 0 : (*table)[0].size(), false);
    for (size_t c = 0; c < numeric.size(); ++c) {
      const std::string& h = (*table)[0][c];
      numeric[c] = h == "编号" || h == "从业人数" || h == "营业收入" || h == "联络容量";
    }
    auto bytes = ds::WriteXlsx(*table, name, numeric);
    if (!bytes) return ErrorResponse(bytes.error());
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = std::move(*bytes);
  } else {
    return ErrorResponse(Error::Invalid("query.invalid", "format must be csv or xlsx", "format 应为 csv 或 xlsx"));
  }
  resp.Header("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
  resp.Header("Cache-Control", "no-store");
  return resp;
}

// An import answers 200 with the report, or 400 with the error and the report of every row.
Response ImportResponse(Result<ds::ImportReport> report) {
  if (!report) return ErrorResponse(report.error());
  json body = ds::ToJson(*report);
  if (report->errors.empty()) return Json(200, body);
  const std::string n = std::to_string(report->errors.size());
  return Json(400, {{"error",
                     {{"code", "import.invalid_rows"},
                      {"message", n + " problem(s) in the file; nothing was imported"},
                      {"message_zh", "文件中有 " + n + " 处错误，未导入任何数据"}}},
                    {"report", body}});
}

template <class Fn>
Handler Import(access::Auth& auth, Fn import) {
  return Authed(auth, [import](const Request& r, const access::Actor& a) {
    auto dry_run = QueryBool(r, "dry_run");
    if (!dry_run) return ErrorResponse(dry_run.error());
    auto table = ds::ReadTable(r.body);
    if (!table) return ErrorResponse(table.error());
    return ImportResponse(import(a, *table, dry_run->value_or(false)));
  });
}

}  // namespace

void RegisterDirectoryRoutes(Routes& routes, access::Auth& auth, ds::DirectoryService& dir, int64_t max_upload_bytes) {
  routes.Get("/api/v1/regions", Authed(auth, [&dir](const Request&, const access::Actor& a) {
    auto list = dir.ListRegions(a);
    if (!list) return ErrorResponse(list.error());
    return Json(200, {{"items", Items(*list)}});
  }));
  routes.Post("/api/v1/regions", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    d::Region region;
    if (auto st = ApplyRegion(*body, region); !st) return ErrorResponse(st.error());
    return JsonOr(dir.CreateRegion(a, region).map([](const auto& v) { return ds::ToJson(v); }), 201);
  }));

  routes.Get("/api/v1/departments", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    std::optional<int64_t> region_id;
    if (r.Query("region_id")) {
      auto id = QueryInt(r, "region_id", 0, 1, kMaxId);
      if (!id) return ErrorResponse(id.error());
      region_id = *id;
    }
    auto list = dir.ListDepartments(a, region_id);
    if (!list) return ErrorResponse(list.error());
    return Json(200, {{"items", Items(*list)}});
  }));
  routes.Post("/api/v1/departments", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    d::Department dep;
    if (auto st = ApplyDepartment(*body, dep, true); !st) return ErrorResponse(st.error());
    return JsonOr(dir.CreateDepartment(a, dep).map([](const auto& v) { return ds::ToJson(v); }), 201);
  }));
  routes.Patch("/api/v1/departments/:id", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    auto version = ReadVersion(*body);
    if (!version) return ErrorResponse(version.error());
    auto apply = [&](d::Department& dep) { return ApplyDepartment(*body, dep, false); };
    return JsonOr(dir.UpdateDepartment(a, *id, *version, apply).map([](const auto& v) { return ds::ToJson(v); }));
  }));

  routes.Get("/api/v1/officials", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto filter = ReadOfficialFilter(r);
    if (!filter) return ErrorResponse(filter.error());
    return JsonOr(dir.ListOfficials(a, *filter).map([](const auto& p) { return PageJson(p); }));
  }));
  routes.Get("/api/v1/officials/export", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto filter = ReadOfficialFilter(r);
    if (!filter) return ErrorResponse(filter.error());
    return Download(r, dir.ExportOfficials(a, *filter), "officials");
  }));
  routes.Post("/api/v1/officials", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    d::Official o;
    if (auto st = ApplyOfficial(*body, o, true); !st) return ErrorResponse(st.error());
    return JsonOr(dir.CreateOfficial(a, o).map([](const auto& v) { return ds::ToJson(v); }), 201);
  }));
  routes.Get("/api/v1/officials/:id", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(dir.GetOfficial(a, *id).map([](const auto& v) { return ds::ToJson(v); }));
  }));
  routes.Patch("/api/v1/officials/:id", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    auto version = ReadVersion(*body);
    if (!version) return ErrorResponse(version.error());
    auto apply = [&](d::Official& o) { return ApplyOfficial(*body, o, false); };
    return JsonOr(dir.UpdateOfficial(a, *id, *version, apply).map([](const auto& v) { return ds::ToJson(v); }));
  }));

  routes.Get("/api/v1/enterprises", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto filter = ReadEnterpriseFilter(r);
    if (!filter) return ErrorResponse(filter.error());
    return JsonOr(dir.ListEnterprises(a, *filter).map([](const auto& p) { return PageJson(p); }));
  }));
  routes.Get("/api/v1/enterprises/export", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto filter = ReadEnterpriseFilter(r);
    if (!filter) return ErrorResponse(filter.error());
    return Download(r, dir.ExportEnterprises(a, *filter), "enterprises");
  }));
  routes.Post("/api/v1/enterprises", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    d::Enterprise e;
    if (auto st = ApplyEnterprise(*body, e, true); !st) return ErrorResponse(st.error());
    return JsonOr(dir.CreateEnterprise(a, e).map([](const auto& v) { return ds::ToJson(v); }), 201);
  }));
  routes.Get("/api/v1/enterprises/:id", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(dir.GetEnterprise(a, *id).map([](const auto& v) { return ds::ToJson(v); }));
  }));
  routes.Patch("/api/v1/enterprises/:id", Authed(auth, [&dir](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    auto version = ReadVersion(*body);
    if (!version) return ErrorResponse(version.error());
    auto apply = [&](d::Enterprise& e) { return ApplyEnterprise(*body, e, false); };
    return JsonOr(dir.UpdateEnterprise(a, *id, *version, apply).map([](const auto& v) { return ds::ToJson(v); }));
  }));

  routes.Post("/api/v1/imports/enterprises",
              Import(auth, [&dir](const access::Actor& a, const ds::Table& t,
                                  bool dry_run) { return dir.ImportEnterprises(a, t, dry_run); }),
              max_upload_bytes);
  routes.Post("/api/v1/imports/officials",
              Import(auth, [&dir](const access::Actor& a, const ds::Table& t,
                                  bool dry_run) { return dir.ImportOfficials(a, t, dry_run); }),
              max_upload_bytes);
}

}  // namespace zhitong::http
