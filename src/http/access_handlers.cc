#include "http/access_handlers.h"

#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "http/auth_context.h"
#include "http/json_input.h"

namespace zhitong::http {
namespace {

using nlohmann::json;

json ActorJson(const access::Actor& a) {
  auto opt = [](const std::optional<int64_t>& v) -> json { return v ? json(*v) : json(nullptr); };
  return {{"user_id", a.user_id},
          {"login", a.login},
          {"display_name", a.display_name},
          {"role", access::RoleName(a.role)},
          {"role_zh", access::RoleNameZh(a.role)},
          {"official_id", opt(a.official_id)},
          {"department_id", opt(a.department_id)},
          {"enterprise_id", opt(a.enterprise_id)},
          {"region_id", opt(a.region_id)},
          {"city_wide", a.city_wide()},
          {"via_api_key", a.via_api_key},
          {"scopes", a.scopes}};
}

// Wraps a handler that needs a signed-in actor.
template <class F>
Handler Authed(access::Auth& auth, F fn) {
  return [&auth, fn](const Request& r) -> Response {
    auto actor = Authenticate(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    return fn(r, *actor);
  };
}

}  // namespace

void RegisterAccessRoutes(Routes& routes, access::Auth& auth, access::Users& users, storage::Database& db,
                          const Config& config) {
  const bool secure = config.secure_cookies;

  routes.Post("/api/v1/auth/login", [&auth, secure](const Request& r) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    auto login = in.String("login", {.required = true, .max_chars = 64});
    auto password = in.String("password", {.required = true, .max_chars = 128});
    auto bearer = in.Bool("bearer", false);
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    auto session = auth.Login(*login, *password, r.remote_address, r.Header("user-agent").value_or(""));
    if (!session) return ErrorResponse(session.error());
    json out = {{"user", access::ToJson(session->user)},
                {"csrf_token", session->csrf_token},
                {"expires_at", FormatShanghai(session->expires_at)}};
    if (bearer.value_or(false)) out["token"] = session->token;
    Response resp = Json(200, out);
    resp.Header("Set-Cookie", SessionCookie(session->token, 12 * 3600, secure));
    resp.Header("Cache-Control", "no-store");
    return resp;
  });

  routes.Post("/api/v1/auth/logout", [&auth, secure](const Request& r) {
    auto actor = Authenticate(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    std::string token = Cookie(r, kSessionCookie).value_or("");
    if (auto authz = r.Header("authorization"); authz && authz->rfind("Bearer ", 0) == 0) token = authz->substr(7);
    if (auto st = auth.Logout(token); !st) return ErrorResponse(st.error());
    Response resp;
    resp.status = 204;
    resp.Header("Set-Cookie", ClearedSessionCookie(secure));
    return resp;
  });

  routes.Get("/api/v1/auth/me", Authed(auth, [](const Request& r, const access::Actor& a) {
    json out = ActorJson(a);
    if (auto token = Cookie(r, kSessionCookie)) out["csrf_token"] = access::Auth::CsrfFor(*token);
    return Json(200, out);
  }));

  routes.Get("/api/v1/users", Authed(auth, [&users](const Request& r, const access::Actor& a) {
    // Refuse before reading the query, so that a non-admin learns nothing from its errors.
    if (auto st = access::RequireRole(a, {access::Role::kAdmin}); !st) return ErrorResponse(st.error());
    auto paging = ReadPaging(r);
    if (!paging) return ErrorResponse(paging.error());
    access::UserFilter f;
    f.limit = paging->limit;
    f.offset = paging->offset;
    if (auto q = r.Query("role"); q && !q->empty()) {
      auto parsed = access::ParseRole(*q);
      if (!parsed) return ErrorResponse(parsed.error());
      f.role = *parsed;
    }
    if (auto q = r.Query("disabled"); q && !q->empty()) {
      if (*q != "true" && *q != "false") {
        Error e = Error::Invalid("input.invalid", "invalid query: disabled must be true or false",
                                 "查询参数有误：disabled 须为 true 或 false");
        e.fields.push_back({"disabled", "disabled must be true or false", "disabled 须为 true 或 false"});
        return ErrorResponse(e);
      }
      f.disabled = *q == "true";
    }
    if (auto q = r.Query("q"); q && !q->empty()) {
      if (Utf8Length(*q) < 0 || Utf8Length(*q) > 100) {
        Error e = Error::Invalid("input.invalid", "invalid query: q must be UTF-8 text of at most 100 characters",
                                 "查询参数有误：q 须为不超过 100 个字符的 UTF-8 文本");
        e.fields.push_back({"q", "q must be UTF-8 text of at most 100 characters", "q 须为不超过 100 个字符的 UTF-8 文本"});
        return ErrorResponse(e);
      }
      f.q = *q;
    }
    if (auto q = r.Query("sort"); q && !q->empty()) {
      auto sort = access::ParseUserSort(*q);
      if (!sort) return ErrorResponse(sort.error());
      f.sort = *sort;
    }
    auto list = users.List(a, f);
    if (!list) return ErrorResponse(list.error());
    json items = json::array();
    for (const auto& u : list->items) items.push_back(access::ToJson(u));
    return Json(200, {{"items", items}, {"total", list->total}, {"limit", f.limit}, {"offset", f.offset}});
  }));

  routes.Post("/api/v1/users", Authed(auth, [&users](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    access::NewUser u;
    u.login = in.String("login", {.required = true, .max_chars = 64}).value_or("");
    u.display_name = in.String("display_name", {.required = true, .max_chars = 100}).value_or("");
    u.password = in.String("password", {.required = true, .max_chars = 128}).value_or("");
    auto role = in.Enum("role", true, {"admin", "leader", "dispatcher", "liaison", "handler", "enterprise", "public"});
    u.official_id = in.Int("official_id", false, 1, INT64_MAX);
    u.department_id = in.Int("department_id", false, 1, INT64_MAX);
    u.enterprise_id = in.Int("enterprise_id", false, 1, INT64_MAX);
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    u.role = *access::ParseRole(*role);
    return JsonOr(users.Create(a, u).map([](const access::User& x) { return access::ToJson(x); }), 201);
  }));

  routes.Get("/api/v1/users/:id", Authed(auth, [&users](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(users.Get(a, *id).map([](const access::User& x) { return access::ToJson(x); }));
  }));

  routes.Post("/api/v1/users/:login/password", Authed(auth, [&users](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    auto pw = in.String("password", {.required = true, .max_chars = 128});
    auto current = in.String("current_password", {.required = false, .max_chars = 128});
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    auto st = users.SetPassword(a, r.Param("login"), *pw, current);
    if (!st) return ErrorResponse(st.error());
    Response resp;
    resp.status = 204;
    return resp;
  }));

  for (bool disable : {true, false}) {
    routes.Post(std::string("/api/v1/users/:login/") + (disable ? "disable" : "enable"),
                Authed(auth, [&users, disable](const Request& r, const access::Actor& a) {
                  return JsonOr(users.SetDisabled(a, r.Param("login"), disable).map([](const access::User& x) {
                    return access::ToJson(x);
                  }));
                }));
  }

  routes.Get("/api/v1/api-keys", Authed(auth, [&users](const Request& r, const access::Actor& a) {
    auto list = users.ListApiKeys(a, r.Query("login"));
    if (!list) return ErrorResponse(list.error());
    json items = json::array();
    for (const auto& k : *list) items.push_back(access::ToJson(k));
    return Json(200, {{"items", items}});
  }));

  routes.Post("/api/v1/api-keys", Authed(auth, [&users](const Request& r, const access::Actor& a) {
    auto body = ParseJsonObject(r);
    if (!body) return ErrorResponse(body.error());
    JsonReader in(*body);
    auto login = in.String("login", {.required = true, .max_chars = 64});
    auto name = in.String("name", {.required = true, .max_chars = 100});
    std::vector<std::string> scopes = {"read", "write"};
    if (body->contains("scopes")) {
      if (!(*body)["scopes"].is_array()) {
        in.Fail("scopes", "scopes must be an array of strings", "scopes 须为字符串数组");
      } else {
        scopes.clear();
        for (const auto& s : (*body)["scopes"]) {
          if (s.is_string()) scopes.push_back(s.get<std::string>());
          else in.Fail("scopes", "scopes must be an array of strings", "scopes 须为字符串数组");
        }
      }
    }
    if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
    auto created = users.CreateApiKey(a, *login, *name, scopes, std::nullopt);
    if (!created) return ErrorResponse(created.error());
    json out = access::ToJson(created->key);
    out["key"] = created->secret;
    return Json(201, out);
  }));

  routes.Delete("/api/v1/api-keys/:id", Authed(auth, [&users](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto st = users.RevokeApiKey(a, *id);
    if (!st) return ErrorResponse(st.error());
    Response resp;
    resp.status = 204;
    return resp;
  }));

  routes.Get("/api/v1/audit", Authed(auth, [&db](const Request& r, const access::Actor& a) {
    if (a.role != access::Role::kAdmin) return ErrorResponse(access::Forbidden("read the audit trail", "查看审计日志"));
    access::AuditQuery q;
    q.entity = r.Query("entity");
    q.entity_id = r.Query("entity_id");
    auto actor = QueryInt(r, "actor_user_id", -1, -1, INT64_MAX);
    auto before = QueryInt(r, "before_id", 0, 0, INT64_MAX);
    auto limit = QueryInt(r, "limit", 50, 1, 500);
    for (const auto* res : {&actor, &before, &limit}) {
      if (!*res) return ErrorResponse(res->error());
    }
    if (*actor >= 0) q.actor_user_id = *actor;
    q.before_id = *before;
    q.limit = static_cast<int>(*limit);
    for (const char* bound : {"from", "to"}) {
      if (auto text = r.Query(bound)) {
        auto t = ParseTimestamp(*text);
        if (!t) return ErrorResponse(t.error());
        (std::string(bound) == "from" ? q.from : q.to) = *t;
      }
    }
    auto list = db.ReadValue([&](storage::Tx& tx) { return access::ListAudit(tx, q); });
    if (!list) return ErrorResponse(list.error());
    json items = json::array();
    for (const auto& e : *list) items.push_back(access::ToJson(e));
    json out = {{"items", items}};
    if (!list->empty()) out["next_before_id"] = list->back().id;
    return Json(200, out);
  }));
}

}  // namespace zhitong::http
