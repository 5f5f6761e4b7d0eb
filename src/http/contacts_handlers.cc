#include "http/contacts_handlers.h"

#include <nlohmann/json.hpp>

#include "contacts/contact.h"
#include "http/auth_context.h"
#include "http/json_input.h"

namespace zhitong::http {
namespace {

using contacts_service::ContactsService;
using nlohmann::json;

template <class F>
Handler Authed(access::Auth& auth, F fn) {
  return [&auth, fn](const Request& r) -> Response {
    auto actor = Authenticate(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    return fn(r, *actor);
  };
}

std::vector<std::string> KindNames() {
  std::vector<std::string> out;
  for (auto k : contacts::AllKinds()) out.emplace_back(contacts::Name(k));
  return out;
}

std::vector<std::string> RatingNames() {
  std::vector<std::string> out;
  for (auto v : requests::All<requests::RatingLevel>()) out.emplace_back(requests::Name(v));
  return out;
}

// A rule violation is 422 and lists the rules broken under "violations".
Response ContactError(const Error& e) {
  Response r = ErrorResponse(e);
  if (e.code != "contact.rule_violation") return r;
  json body = json::parse(r.body);
  json violations = json::array();
  for (const auto& f : e.fields) {
    violations.push_back({{"rule", f.field}, {"message", f.message}, {"message_zh", f.message_zh}});
  }
  body["error"]["violations"] = violations;
  body["error"].erase("fields");
  return Json(422, body);
}

// Reads an optional array of positive ids; records a problem when it is something else.
std::optional<std::vector<int64_t>> Ids(JsonReader& in, const json& body, const std::string& key) {
  if (!in.Has(key)) return std::nullopt;
  const json& v = body[key];
  std::vector<int64_t> out;
  bool ok = v.is_array();
  if (ok) {
    for (const auto& x : v) {
      if (!x.is_number_integer() || x.get<int64_t>() < 1) {
        ok = false;
        break;
      }
      out.push_back(x.get<int64_t>());
    }
  }
  if (!ok) {
    in.Fail(key, key + " must be an array of positive integer ids", key + " 须为正整数编号的数组");
    return std::nullopt;
  }
  return out;
}

std::optional<contacts::Date> DateField(JsonReader& in, const std::string& key, bool required) {
  auto text = in.String(key, {.required = required, .max_chars = 10});
  if (!text) return std::nullopt;
  auto d = ParseDate(*text);
  if (!d) {
    in.Fail(key, key + " must be a date (2025-03-04)", key + " 须为日期（如 2025-03-04）");
    return std::nullopt;
  }
  return *d;
}

Response Register(ContactsService& service, const Request& r, const access::Actor& a) {
  auto body = ParseJsonObject(r);
  if (!body) return ErrorResponse(body.error());
  JsonReader in(*body);
  contacts_service::ContactInput c;
  c.enterprise_id = in.Int("enterprise_id", true, 1, INT64_MAX).value_or(0);
  auto kind = in.Enum("kind", true, KindNames());
  c.purpose = in.String("purpose", {.required = true, .min_chars = 1, .max_chars = contacts::kMaxPurposeChars}).value_or("");
  c.legal_basis = in.String("legal_basis", {.max_chars = contacts::kMaxLegalBasisChars}).value_or("");
  auto started = in.String("started_at", {.required = true, .max_chars = 40});
  c.duration_minutes = in.Int("duration_minutes", false, 0, contacts::kMaxDurationMinutes).value_or(0);
  c.outcome = in.String("outcome", {.max_chars = contacts::kMaxOutcomeChars}).value_or("");
  c.official_id = in.Int("official_id", false, 1, INT64_MAX);
  c.department_ids = Ids(in, *body, "department_ids");
  c.request_id = in.Int("request_id", false, 1, INT64_MAX);
  c.plan_id = in.Int("plan_id", false, 1, INT64_MAX);
  c.justification = in.String("justification", {.max_chars = contacts::kMaxJustificationChars}).value_or("");
  if (started) {
    auto t = ParseTimestamp(*started);
    if (t) c.started_at = *t;
    else in.Fail("started_at", "started_at must be an RFC 3339 time", "started_at 须为 RFC 3339 时间");
  }
  if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
  c.kind = *contacts::ParseKind(*kind);
  auto contact = service.Register(a, c, r.request_id);
  if (!contact) return ContactError(contact.error());
  Response resp = Json(201, contacts_service::ToJson(*contact));
  resp.Header("Location", "/api/v1/contacts/" + std::to_string(contact->id));
  return resp;
}

// The list filters from the query string.
Result<contacts_service::ContactFilter> ReadFilter(const Request& r) {
  contacts_service::ContactFilter f;
  ZT_ASSIGN_OR_RETURN(auto paging, ReadPaging(r));
  f.limit = paging.limit;
  f.offset = paging.offset;
  std::vector<FieldError> errors;
  auto id = [&](const char* name) -> std::optional<int64_t> {
    auto text = r.Query(name);
    if (!text || text->empty()) return std::nullopt;
    auto v = ParseId(*text);
    if (!v) {
      errors.push_back({name, std::string(name) + " must be a positive integer id", std::string(name) + " 须为正整数编号"});
      return std::nullopt;
    }
    return *v;
  };
  auto time = [&](const char* name) -> std::optional<Instant> {
    auto text = r.Query(name);
    if (!text || text->empty()) return std::nullopt;
    auto t = ParseTimestamp(*text);
    if (!t) {
      errors.push_back({name, std::string(name) + " must be a date or an RFC 3339 time", std::string(name) + " 须为日期或时间"});
      return std::nullopt;
    }
    return *t;
  };
  f.enterprise_id = id("enterprise_id");
  f.department_id = id("department_id");
  f.official_id = id("official_id");
  f.from = time("from");
  f.to = time("to");
  if (auto kind = r.Query("kind"); kind && !kind->empty()) {
    auto k = contacts::ParseKind(*kind);
    if (k) f.kind = *k;
    else errors.push_back({"kind", "kind must be visit, call, meeting or inspection", "kind 须为 visit、call、meeting 或 inspection"});
  }
  if (auto flagged = r.Query("flagged"); flagged && !flagged->empty()) {
    if (*flagged == "true" || *flagged == "false") f.flagged = *flagged == "true";
    else errors.push_back({"flagged", "flagged must be true or false", "flagged 须为 true 或 false"});
  }
  if (errors.empty()) return f;
  std::string en = "invalid query: ", zh = "查询参数有误：";
  for (size_t i = 0; i < errors.size(); ++i) {
    en += (i ? "; " : "") + errors[i].message;
    zh += (i ? "；" : "") + errors[i].message_zh;
  }
  Error e = Error::Invalid("input.invalid", en, zh);
  e.fields = std::move(errors);
  return e;
}

Response ListJson(const Result<contacts_service::ContactList>& list, const contacts_service::ContactFilter& f) {
  if (!list) return ErrorResponse(list.error());
  json items = json::array();
  for (const auto& c : list->items) items.push_back(contacts_service::ToJson(c));
  return Json(200, {{"items", items}, {"total", list->total}, {"limit", f.limit}, {"offset", f.offset}});
}

// A plan in a list: without the pool, roster and exclusions (read one plan for those).
json PlanSummary(const contacts_service::Plan& p) {
  json j = contacts_service::ToJson(p);
  j["pool_size"] = j.value("pool", json::array()).size();
  j["roster_size"] = j.value("roster", json::array()).size();
  j["excluded_count"] = j.value("excluded", json::array()).size();
  j.erase("pool");
  j.erase("roster");
  j.erase("excluded");
  return j;
}

Response PlanList(const Result<std::vector<contacts_service::Plan>>& plans) {
  if (!plans) return ErrorResponse(plans.error());
  json items = json::array();
  for (const auto& p : *plans) items.push_back(PlanSummary(p));
  return Json(200, {{"items", items}});
}

Response CreatePlan(ContactsService& service, const Request& r, const access::Actor& a) {
  auto body = ParseJsonObject(r);
  if (!body) return ErrorResponse(body.error());
  JsonReader in(*body);
  contacts_service::PlanInput p;
  p.title = in.String("title", {.required = true, .min_chars = 1, .max_chars = 200}).value_or("");
  p.department_ids = Ids(in, *body, "department_ids").value_or(std::vector<int64_t>{});
  if (!in.Has("department_ids")) in.Fail("department_ids", "department_ids is required", "须填写 department_ids");
  auto starts = DateField(in, "starts_on", true);
  auto ends = DateField(in, "ends_on", true);
  p.target_count = in.Int("target_count", true, 1, 10000).value_or(0);
  p.enterprise_ids = Ids(in, *body, "enterprise_ids");
  p.roster = Ids(in, *body, "roster");
  p.seed = in.String("seed", {.min_chars = 1, .max_chars = 256});
  if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
  p.starts_on = *starts;
  p.ends_on = *ends;
  auto plan = service.CreatePlan(a, p, r.request_id);
  if (!plan) return ErrorResponse(plan.error());
  Response resp = Json(201, contacts_service::ToJson(*plan));
  resp.Header("Location", "/api/v1/inspection-plans/" + std::to_string(plan->id));
  return resp;
}

}  // namespace

void RegisterContactRoutes(Routes& routes, access::Auth& auth, ContactsService& service) {
  routes.Post("/api/v1/contacts", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return Register(service, r, a);
  }));
  routes.Get("/api/v1/contacts", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto f = ReadFilter(r);
    if (!f) return ErrorResponse(f.error());
    return ListJson(service.List(a, *f), *f);
  }));
  routes.Get("/api/v1/contacts/flagged", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto f = ReadFilter(r);
    if (!f) return ErrorResponse(f.error());
    return ListJson(service.Flagged(a, *f), *f);
  }));
  routes.Get("/api/v1/contacts/:id", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(service.Get(a, *id).map([](const contacts_service::Contact& c) { return contacts_service::ToJson(c); }));
  }));
  routes.Post("/api/v1/contacts/:id/rating", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    auto level = in.Enum("level", true, RatingNames());
    auto comment = in.String("comment", {.max_chars = 500}).value_or("");
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    auto c = service.Rate(a, *id, *requests::Parse<requests::RatingLevel>(*level), comment, r.request_id);
    return JsonOr(c.map([](const contacts_service::Contact& x) { return contacts_service::ToJson(x); }));
  }));
  routes.Post("/api/v1/contacts/:id/report", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    auto reason = in.String("reason", {.required = true, .min_chars = 1, .max_chars = 2000}).value_or("");
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    auto report = service.Report(a, *id, reason, r.request_id);
    if (!report) return ErrorResponse(report.error());
    // The request as the requests API renders it is at /api/v1/requests/{id}; here its id and status.
    const auto& req = report->request.stored;
    return Json(201, {{"contact", contacts_service::ToJson(report->contact)},
                      {"request",
                       {{"id", req.id},
                        {"kind", requests::Name(req.request.kind)},
                        {"category_code", req.request.category_code},
                        {"title", req.request.title},
                        {"status", requests::Name(req.request.status)},
                        {"status_zh", requests::NameZh(req.request.status)}}}});
  }));

  routes.Get("/api/v1/quiet-periods", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    std::optional<int64_t> enterprise_id;
    std::optional<contacts::QuietStatus> status;
    if (auto text = r.Query("enterprise_id"); text && !text->empty()) {
      auto id = ParseId(*text);
      if (!id) return ErrorResponse(id.error());
      enterprise_id = *id;
    }
    if (auto text = r.Query("status"); text && !text->empty()) {
      auto s = contacts::ParseQuietStatus(*text);
      if (!s) return ErrorResponse(s.error());
      status = *s;
    }
    auto list = service.QuietPeriods(a, enterprise_id, status);
    if (!list) return ErrorResponse(list.error());
    json items = json::array();
    for (const auto& q : *list) items.push_back(contacts_service::ToJson(q));
    return Json(200, {{"items", items}});
  }));
  routes.Post("/api/v1/quiet-periods", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    contacts_service::QuietPeriodInput q;
    q.enterprise_id = in.Int("enterprise_id", true, 1, INT64_MAX).value_or(0);
    auto starts = DateField(in, "starts_on", true);
    auto ends = DateField(in, "ends_on", true);
    q.reason = in.String("reason", {.required = true, .min_chars = 1, .max_chars = 500}).value_or("");
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    q.starts_on = *starts;
    q.ends_on = *ends;
    auto v = service.RequestQuietPeriod(a, q, r.request_id);
    if (!v) return ErrorResponse(v.error());
    return Json(201, contacts_service::ToJson(*v));
  }));
  routes.Post("/api/v1/quiet-periods/:id/decision", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    auto approve = in.Bool("approve", true);
    auto note = in.String("note", {.max_chars = 500}).value_or("");
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    auto v = service.DecideQuietPeriod(a, *id, *approve, note, r.request_id);
    return JsonOr(v.map([](const contacts_service::QuietPeriodView& x) { return contacts_service::ToJson(x); }));
  }));

  routes.Post("/api/v1/inspection-plans", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return CreatePlan(service, r, a);
  }));
  routes.Get("/api/v1/inspection-plans", Authed(auth, [&service](const Request&, const access::Actor& a) {
    return PlanList(service.Plans(a));
  }));
  routes.Get("/api/v1/inspection-plans/:id", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(service.GetPlan(a, *id).map([](const contacts_service::Plan& p) { return contacts_service::ToJson(p); }));
  }));
  routes.Post("/api/v1/inspection-plans/:id/publish", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(
        service.PublishPlan(a, *id, r.request_id).map([](const contacts_service::Plan& p) { return contacts_service::ToJson(p); }));
  }));
  // 一公开: no sign-in.
  routes.Get("/api/v1/public/inspection-plans", [&service](const Request&) { return PlanList(service.PublishedPlans()); });
  routes.Get("/api/v1/public/inspection-plans/:id", [&service](const Request& r) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(service.GetPublishedPlan(*id).map([](const contacts_service::Plan& p) { return contacts_service::ToJson(p); }));
  });
}

}  // namespace zhitong::http
