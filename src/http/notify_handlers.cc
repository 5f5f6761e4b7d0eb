#include "http/notify_handlers.h"

#include <nlohmann/json.hpp>

#include "http/auth_context.h"
#include "http/json_input.h"

namespace zhitong::http {
namespace {

using nlohmann::json;
using notify_service::Delivery;
using notify_service::InboxItem;
using notify_service::Webhook;

template <class F>
Handler Authed(access::Auth& auth, F fn) {
  return [&auth, fn](const Request& r) -> Response {
    auto actor = Authenticate(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    return fn(r, *actor);
  };
}

json Time(const std::optional<Instant>& t) { return t ? json(FormatShanghai(*t)) : json(nullptr); }

json ItemJson(const InboxItem& i) {
  return {{"id", i.id},
          {"topic", i.topic},
          {"request_id", i.request_id ? json(*i.request_id) : json(nullptr)},
          {"title", i.payload.value("title", "")},
          {"title_zh", i.payload.value("title_zh", "")},
          {"data", i.payload},
          {"created_at", FormatShanghai(i.created_at)},
          {"read_at", Time(i.read_at)},
          {"read", i.read_at.has_value()}};
}

json WebhookJson(const Webhook& w) {
  return {{"id", w.id},
          {"url", w.url},
          {"topics", w.topics},
          {"description", w.description},
          {"created_by", w.created_by},
          {"created_at", FormatShanghai(w.created_at)},
          {"deleted_at", Time(w.deleted_at)},
          {"deliveries", {{"pending", w.pending}, {"delivered", w.delivered}, {"dead", w.dead}}}};
}

json DeliveryJson(const Delivery& d) {
  return {{"id", d.id},
          {"webhook_id", d.webhook_id},
          {"notification_id", d.outbox_id},
          {"topic", d.topic},
          {"status", d.status},
          {"attempts", d.attempts},
          {"next_attempt_at", d.status == "pending" ? json(FormatShanghai(d.next_attempt_at)) : json(nullptr)},
          {"last_status", d.last_status ? json(*d.last_status) : json(nullptr)},
          {"last_error", d.last_error},
          {"created_at", FormatShanghai(d.created_at)},
          {"updated_at", FormatShanghai(d.updated_at)}};
}

Response NoContent() {
  Response resp;
  resp.status = 204;
  return resp;
}

Result<bool> UnreadFilter(const Request& r) {
  auto v = r.Query("unread");
  if (!v || v->empty() || *v == "false") return false;
  if (*v == "true") return true;
  Error e = Error::Invalid("input.invalid", "invalid query: unread must be true or false",
                           "查询参数有误：unread 须为 true 或 false");
  e.fields.push_back({"unread", "unread must be true or false", "unread 须为 true 或 false"});
  return e;
}

Response CreateWebhook(notify_service::Webhooks& hooks, const Request& r, const access::Actor& a) {
  auto body = ParseJsonObject(r);
  if (!body) return ErrorResponse(body.error());
  JsonReader in(*body);
  notify_service::WebhookInput w;
  w.url = in.String("url", {.required = true, .min_chars = 8, .max_chars = 2000}).value_or("");
  w.secret = in.String("secret", {.min_chars = 16, .max_chars = 200});
  w.description = in.String("description", {.max_chars = 200}).value_or("");
  if (in.Has("topics")) {
    const json& topics = (*body)["topics"];
    bool ok = topics.is_array() && topics.size() <= 50;
    if (ok) {
      for (const auto& t : topics) {
        if (!t.is_string()) {
          ok = false;
          break;
        }
        w.topics.push_back(t.get<std::string>());
      }
    }
    if (!ok) in.Fail("topics", "topics must be an array of at most 50 topic names", "topics 须为不超过 50 个主题名的数组");
  }
  if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
  auto created = hooks.Create(a, w, r.request_id);
  if (!created) return ErrorResponse(created.error());
  json out = WebhookJson(created->first);
  out["secret"] = created->second;
  Response resp = Json(201, out);
  resp.Header("Location", "/api/v1/webhooks/" + std::to_string(created->first.id));
  return resp;
}

}  // namespace

void RegisterNotifyRoutes(Routes& routes, access::Auth& auth, notify_service::Inbox& inbox,
                          notify_service::Webhooks& hooks) {
  routes.Get("/api/v1/inbox", Authed(auth, [&inbox](const Request& r, const access::Actor& a) {
    auto paging = ReadPaging(r);
    if (!paging) return ErrorResponse(paging.error());
    auto unread = UnreadFilter(r);
    if (!unread) return ErrorResponse(unread.error());
    auto page = inbox.List(a, *unread, paging->limit, paging->offset);
    if (!page) return ErrorResponse(page.error());
    json items = json::array();
    for (const auto& i : page->items) items.push_back(ItemJson(i));
    return Json(200, {{"items", items},
                      {"total", page->total},
                      {"unread", page->unread},
                      {"limit", paging->limit},
                      {"offset", paging->offset}});
  }));
  routes.Get("/api/v1/inbox/unread_count", Authed(auth, [&inbox](const Request&, const access::Actor& a) {
    return JsonOr(inbox.UnreadCount(a).map([](int64_t n) { return json{{"unread", n}}; }));
  }));
  routes.Post("/api/v1/inbox/:id/read", Authed(auth, [&inbox](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(inbox.MarkRead(a, *id).map([](const InboxItem& i) { return ItemJson(i); }));
  }));
  routes.Post("/api/v1/inbox/read_all", Authed(auth, [&inbox](const Request&, const access::Actor& a) {
    return JsonOr(inbox.MarkAllRead(a).map([](int64_t n) { return json{{"marked", n}}; }));
  }));

  routes.Post("/api/v1/webhooks", Authed(auth, [&hooks](const Request& r, const access::Actor& a) {
    return CreateWebhook(hooks, r, a);
  }));
  routes.Get("/api/v1/webhooks", Authed(auth, [&hooks](const Request&, const access::Actor& a) {
    auto list = hooks.List(a);
    if (!list) return ErrorResponse(list.error());
    json items = json::array();
    for (const auto& w : *list) items.push_back(WebhookJson(w));
    return Json(200, {{"items", items}});
  }));
  routes.Get("/api/v1/webhooks/:id", Authed(auth, [&hooks](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(hooks.Get(a, *id).map([](const Webhook& w) { return WebhookJson(w); }));
  }));
  routes.Delete("/api/v1/webhooks/:id", Authed(auth, [&hooks](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto st = hooks.Delete(a, *id, r.request_id);
    if (!st) return ErrorResponse(st.error());
    return NoContent();
  }));
  routes.Get("/api/v1/webhooks/:id/deliveries", Authed(auth, [&hooks](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto paging = ReadPaging(r);
    if (!paging) return ErrorResponse(paging.error());
    auto status = r.Query("status");
    if (status && *status != "pending" && *status != "delivered" && *status != "dead") {
      Error e = Error::Invalid("input.invalid", "invalid query: status must be pending, delivered or dead",
                               "查询参数有误：status 须为 pending、delivered 或 dead");
      e.fields.push_back({"status", "status must be pending, delivered or dead", "status 须为 pending、delivered 或 dead"});
      return ErrorResponse(e);
    }
    auto list = hooks.Deliveries(a, *id, status, paging->limit, paging->offset);
    if (!list) return ErrorResponse(list.error());
    json items = json::array();
    for (const auto& d : *list) items.push_back(DeliveryJson(d));
    return Json(200, {{"items", items}, {"limit", paging->limit}, {"offset", paging->offset}});
  }));
  routes.Post("/api/v1/webhooks/:id/deliveries/:delivery_id/retry",
              Authed(auth, [&hooks](const Request& r, const access::Actor& a) {
                auto id = ParseId(r.Param("id"));
                if (!id) return ErrorResponse(id.error());
                auto delivery = ParseId(r.Param("delivery_id"));
                if (!delivery) return ErrorResponse(delivery.error());
                return JsonOr(hooks.Retry(a, *id, *delivery, r.request_id).map([](const Delivery& d) {
                  return DeliveryJson(d);
                }));
              }));
}

}  // namespace zhitong::http
