#include "http/requests_handlers.h"

#include <nlohmann/json.hpp>

#include "attachments/file_name.h"
#include "attachments/media_type.h"
#include "http/auth_context.h"
#include "http/json_input.h"
#include "requests/event.h"
#include "requests_service/store.h"

namespace zhitong::http {
namespace {

using nlohmann::json;
using requests_service::RequestService;
using requests_service::RequestView;

template <class E>
std::vector<std::string> NamesOf() {
  std::vector<std::string> out;
  for (E v : requests::All<E>()) out.emplace_back(requests::Name(v));
  return out;
}

template <class E>
E ParseKnown(const std::string& name) {
  return *requests::Parse<E>(name);  // only after JsonReader::Enum accepted the name
}

json Time(const std::optional<Instant>& t) { return t ? json(FormatShanghai(*t)) : json(nullptr); }
json Id(const std::optional<std::string>& text) {
  auto v = requests_service::IdValue(text);
  return v ? json(*v) : json(nullptr);
}
json Id(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json RequestJson(const RequestView& v) {
  const auto& s = v.stored;
  const requests::Request& r = s.request;
  const auto& d = v.deadlines;
  json cohandlers = json::array();
  for (const auto& dept : r.cohandling_departments) cohandlers.push_back(Id(std::optional<std::string>(dept)));
  json rating = nullptr;
  if (r.rating) {
    rating = {{"level", requests::Name(r.rating->level)},
              {"level_zh", requests::NameZh(r.rating->level)},
              {"comment", r.rating->comment},
              {"at", FormatShanghai(r.rating->at)},
              {"voided", r.rating->voided}};
  }
  json actions = json::array();
  for (auto a : v.allowed_actions) actions.push_back(requests::Name(a));
  return {{"id", s.id},
          {"enterprise_id", Id(r.enterprise_id)},
          {"enterprise_name", s.enterprise_name},
          {"region_id", Id(s.region_id)},
          {"submitter_id", Id(std::optional<std::string>(r.submitter_id))},
          {"channel", requests::Name(r.channel)},
          {"kind", requests::Name(r.kind)},
          {"kind_zh", requests::NameZh(r.kind)},
          {"category_code", r.category_code},
          {"category_name", s.category_name},
          {"category_name_en", s.category_name_en},
          {"title", r.title},
          {"description", r.description},
          {"location", r.location ? json(*r.location) : json(nullptr)},
          {"priority", requests::Name(r.priority)},
          {"status", requests::Name(r.status)},
          {"status_zh", requests::NameZh(r.status)},
          {"handling_department_id", Id(r.handling_department)},
          {"handling_department_name", s.department_name},
          {"cohandling_department_ids", cohandlers},
          {"handler_id", Id(r.handler_id)},
          {"liaison_official_id", Id(s.liaison_official_id)},
          {"reply", r.reply},
          {"rating", rating},
          {"rectification", requests::Name(r.rectification)},
          {"rectification_zh", requests::NameZh(r.rectification)},
          {"revisit_level", r.revisit_level ? json(requests::Name(*r.revisit_level)) : json(nullptr)},
          {"appeal", requests::Name(r.appeal)},
          {"appeal_zh", requests::NameZh(r.appeal)},
          {"merged_into", Id(r.merged_into)},
          {"version", r.version},
          {"submitted_at", FormatShanghai(r.submitted_at)},
          {"routed_at", Time(r.routed_at)},
          {"replied_at", Time(r.replied_at)},
          {"closed_at", Time(r.closed_at)},
          {"due",
           {{"accept_due_at", Time(d.accept_due)},
            {"sign_due_at", Time(d.sign_due)},
            {"reply_due_at", Time(d.reply_due)},
            {"rectify_due_at", Time(d.rectify_due)},
            {"current_due_at", Time(d.current_due)}}},
          {"remaining_seconds", d.remaining_seconds ? json(*d.remaining_seconds) : json(nullptr)},
          {"sla", requests_service::SlaName(d.sla)},
          {"allowed_actions", actions},
          {"attachment_count", r.attachment_count},
          {"can_attach", v.can_attach}};
}

json AttachmentJson(const requests_service::StoredAttachment& a) {
  return {{"id", a.id},
          {"request_id", a.request_id},
          {"seq", a.seq},
          {"name", a.file_name},
          {"media_type", a.media_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"uploaded_by", a.uploaded_by},
          {"uploader_name", a.uploader_name},
          {"uploaded_at", FormatShanghai(a.uploaded_at)},
          {"url", "/api/v1/requests/" + std::to_string(a.request_id) + "/attachments/" + std::to_string(a.id)}};
}

// A file refused for its content is 415 Unsupported Media Type (RFC 9110 §15.5.16); every other
// error keeps the status of its kind.
Response AttachmentError(const Error& e) {
  Response r = ErrorResponse(e);
  if (e.code == "attachment.type_not_allowed") r.status = 415;
  return r;
}

json EventJson(const requests::Event& e) {
  json payload = json::object();
  for (const auto& [k, val] : e.payload) payload[k] = val;
  return {{"seq", e.seq},
          {"action", requests::Name(e.type)},
          {"action_zh", requests::NameZh(e.type)},
          {"actor_id", Id(std::optional<std::string>(e.actor_id))},
          {"actor_role", requests::Name(e.actor_role)},
          {"at", FormatShanghai(e.at)},
          {"note", e.note},
          {"payload", payload},
          {"hash", e.hash},
          {"prev_hash", e.prev_hash}};
}

// The signed-in caller of the JSON API. Members of the public (citizens, third-party apps) file
// and follow requests through Open311 only (/open311/v2/): the JSON API is for enterprises and
// government, so they get 403 access.open311_only.
Result<access::Actor> ApiActor(const Request& r, access::Auth& auth) {
  ZT_ASSIGN_OR_RETURN(access::Actor actor, Authenticate(r, auth));
  if (actor.role == access::Role::kPublic) {
    return Error::Forbidden("access.open311_only",
                            "public users file and follow requests through Open311 (/open311/v2/)",
                            "公众用户请通过 Open311 接口（/open311/v2/）提交和查询诉求");
  }
  return actor;
}

template <class F>
Handler Authed(access::Auth& auth, F fn) {
  return [&auth, fn](const Request& r) -> Response {
    auto actor = ApiActor(r, auth);
    if (!actor) return ErrorResponse(actor.error());
    return fn(r, *actor);
  };
}

// Query parameters, read field by field like JsonReader reads a body.
class QueryReader {
 public:
  explicit QueryReader(const Request& r) : r_(r) {}
  std::optional<int64_t> Id(const std::string& name) {
    auto text = r_.Query(name);
    if (!text || text->empty()) return std::nullopt;
    auto v = ParseId(*text);
    if (!v) Fail(name, name + " must be a positive integer id", name + " 须为正整数编号");
    return v ? std::optional<int64_t>(*v) : std::nullopt;
  }
  std::optional<std::string> OneOf(const std::string& name, const std::vector<std::string>& allowed) {
    auto text = r_.Query(name);
    if (!text || text->empty()) return std::nullopt;
    for (const auto& a : allowed) {
      if (a == *text) return text;
    }
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    Fail(name, name + " must be one of: " + list, name + " 须为以下之一：" + list);
    return std::nullopt;
  }
  std::optional<Instant> Time(const std::string& name) {
    auto text = r_.Query(name);
    if (!text || text->empty()) return std::nullopt;
    auto t = ParseTimestamp(*text);
    if (!t) Fail(name, name + " must be a date (2025-03-04) or an RFC 3339 time", name + " 须为日期或 RFC 3339 时间");
    return t ? std::optional<Instant>(*t) : std::nullopt;
  }
  std::optional<std::string> Text(const std::string& name, int64_t max_chars) {
    auto text = r_.Query(name);
    if (!text) return std::nullopt;
    const int64_t n = Utf8Length(*text);
    if (n < 0 || n > max_chars) {
      Fail(name, name + " must be UTF-8 text of at most " + std::to_string(max_chars) + " characters",
           name + " 须为不超过 " + std::to_string(max_chars) + " 个字符的 UTF-8 文本");
      return std::nullopt;
    }
    return text;
  }
  Result<void> Finish() const {
    if (errors_.empty()) return Ok();
    std::string en = "invalid query: ", zh = "查询参数有误：";
    for (size_t i = 0; i < errors_.size(); ++i) {
      en += (i ? "; " : "") + errors_[i].message;
      zh += (i ? "；" : "") + errors_[i].message_zh;
    }
    Error e = Error::Invalid("input.invalid", en, zh);
    e.fields = errors_;
    return e;
  }

 private:
  void Fail(std::string field, std::string en, std::string zh) {
    errors_.push_back({std::move(field), std::move(en), std::move(zh)});
  }
  const Request& r_;
  std::vector<FieldError> errors_;
};

// Files a request without holding a server thread while the write waits for its group commit
// (intake at volume: many submissions share one fsync).
void Submit(RequestService& service, const Request& r, const access::Actor& a, Reply reply) {
  auto body = ParseJsonObject(r);
  if (!body) return reply(ErrorResponse(body.error()));
  JsonReader in(*body);
  requests_service::SubmitInput s;
  auto kind = in.Enum("kind", true, NamesOf<requests::Kind>());
  s.category_code = in.String("category_code", {.required = true, .max_chars = 64}).value_or("");
  s.title = in.String("title", {.required = true, .max_chars = static_cast<int64_t>(requests::kMaxTitleChars)})
                .value_or("");
  s.description =
      in.String("description", {.required = true, .max_chars = static_cast<int64_t>(requests::kMaxDescriptionChars)})
          .value_or("");
  s.location = in.String("location", {.max_chars = 500});
  auto priority = in.Enum("priority", false, NamesOf<requests::Priority>());
  s.enterprise_id = in.Int("enterprise_id", false, 1, INT64_MAX);
  auto channel = in.Enum("channel", false, {"phone", "visit"});
  if (auto st = in.Finish(); !st) return reply(ErrorResponse(st.error()));
  s.kind = ParseKnown<requests::Kind>(*kind);
  if (priority) s.priority = ParseKnown<requests::Priority>(*priority);
  if (channel) s.channel = ParseKnown<requests::Channel>(*channel);
  service.SubmitAsync(a, std::move(s), r.request_id, [reply = std::move(reply)](Result<RequestView> view) {
    if (!view) return reply(ErrorResponse(view.error()));
    Response resp = Json(201, RequestJson(*view));
    resp.Header("Location", "/api/v1/requests/" + std::to_string(view->stored.id));
    reply(std::move(resp));
  });
}

Response Act(RequestService& service, const Request& r, const access::Actor& a) {
  auto id = ParseId(r.Param("id"));
  if (!id) return ErrorResponse(id.error());
  auto action = requests::Parse<requests::Action>(r.Param("action"));
  if (!action || *action == requests::Action::kSubmit || *action == requests::Action::kAutoClose ||
      *action == requests::Action::kEscalate || *action == requests::Action::kAttach) {
    return ErrorResponse(Error::NotFound("request.unknown_action", "there is no action \"" + r.Param("action") + "\"",
                                         "没有“" + r.Param("action") + "”这一操作"));
  }
  auto body = ParseJsonObject(r);
  if (!body) return ErrorResponse(body.error());
  JsonReader in(*body);
  requests_service::ActInput act;
  act.action = *action;
  act.version = in.Int("version", true, 1, INT64_MAX).value_or(0);
  act.note = in.String("note", {.max_chars = static_cast<int64_t>(requests::kMaxNoteChars)}).value_or("");
  act.department_id = in.Int("department_id", false, 1, INT64_MAX);
  act.category_code = in.String("category_code", {.max_chars = 64});
  auto rating = in.Enum("rating", false, NamesOf<requests::RatingLevel>());
  act.upheld = in.Bool("upheld", false);
  act.target_id = in.Int("target_id", false, 1, INT64_MAX);
  if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
  if (rating) act.rating = ParseKnown<requests::RatingLevel>(*rating);
  auto view = service.Act(a, *id, act, r.request_id);
  if (!view) return ErrorResponse(view.error());
  return Json(200, RequestJson(*view));
}

Response List(RequestService& service, const Request& r, const access::Actor& a) {
  auto paging = ReadPaging(r);
  if (!paging) return ErrorResponse(paging.error());
  QueryReader q(r);
  requests_service::ListFilter f;
  auto status = q.OneOf("status", NamesOf<requests::Status>());
  f.department_id = q.Id("department_id");
  f.region_id = q.Id("region_id");
  f.enterprise_id = q.Id("enterprise_id");
  f.category_code = q.Text("category_code", 64);
  auto overdue = q.OneOf("overdue", {"true", "false"});
  f.from = q.Time("from");
  f.to = q.Time("to");
  f.q = q.Text("q", 100);
  auto sort = q.OneOf("sort", {"-submitted_at", "submitted_at", "due_at", "-due_at"});
  if (auto st = q.Finish(); !st) return ErrorResponse(st.error());
  if (status) f.status = ParseKnown<requests::Status>(*status);
  if (overdue) f.overdue = *overdue == "true";
  if (sort) {
    using S = requests_service::ListSort;
    f.sort = *sort == "submitted_at" ? S::kSubmittedAsc
             : *sort == "due_at"     ? S::kDueAsc
             : *sort == "-due_at"    ? S::kDueDesc
                                     : S::kSubmittedDesc;
  }
  f.limit = paging->limit;
  f.offset = paging->offset;
  auto list = service.List(a, f);
  if (!list) return ErrorResponse(list.error());
  json items = json::array();
  for (const auto& v : list->items) items.push_back(RequestJson(v));
  return Json(200, {{"items", items},
                    {"total", list->total},
                    {"total_capped", list->total_capped},
                    {"limit", f.limit},
                    {"offset", f.offset}});
}

Response Similar(RequestService& service, const Request& r, const access::Actor& a) {
  QueryReader q(r);
  auto title = q.Text("title", static_cast<int64_t>(requests::kMaxTitleChars));
  auto description = q.Text("description", static_cast<int64_t>(requests::kMaxDescriptionChars));
  auto enterprise_id = q.Id("enterprise_id");
  if (auto st = q.Finish(); !st) return ErrorResponse(st.error());
  if (title.value_or("").empty() && description.value_or("").empty()) {
    Error e = Error::Invalid("input.invalid", "invalid query: title or description is required",
                             "查询参数有误：须提供标题或诉求内容");
    e.fields.push_back({"title", "title or description is required", "须提供标题或诉求内容"});
    return ErrorResponse(e);
  }
  auto matches = service.Similar(a, title.value_or(""), description.value_or(""), enterprise_id);
  if (!matches) return ErrorResponse(matches.error());
  json items = json::array();
  for (const auto& m : *matches) items.push_back({{"request", RequestJson(m.request)}, {"score", m.score}});
  return Json(200, {{"items", items}});
}

// POST …/attachments: the body is the file itself (any Content-Type; the type is read from the
// bytes), ?name= its file name, optional ?version= and ?note=.
Response Attach(RequestService& service, const Request& r, const access::Actor& a) {
  auto id = ParseId(r.Param("id"));
  if (!id) return ErrorResponse(id.error());
  QueryReader q(r);
  auto name = q.Text("name", 1000);
  auto version = q.Id("version");
  auto note = q.Text("note", static_cast<int64_t>(requests::kMaxNoteChars));
  if (auto st = q.Finish(); !st) return ErrorResponse(st.error());
  requests_service::AttachInput in;
  in.name = name.value_or("");
  in.bytes = r.body;
  in.note = note.value_or("");
  in.version = version;
  auto done = service.Attach(a, *id, in, r.request_id);
  if (!done) return AttachmentError(done.error());
  Response resp = Json(201, {{"attachment", AttachmentJson(done->attachment)}, {"request", RequestJson(done->request)}});
  resp.Header("Location", AttachmentJson(done->attachment)["url"].get<std::string>());
  return resp;
}

Response ListAttachments(RequestService& service, const Request& r, const access::Actor& a) {
  auto id = ParseId(r.Param("id"));
  if (!id) return ErrorResponse(id.error());
  auto list = service.Attachments(a, *id);
  if (!list) return ErrorResponse(list.error());
  json items = json::array();
  for (const auto& x : *list) items.push_back(AttachmentJson(x));
  json types = json::array();
  for (std::string_view t : attachments::AllowedMediaTypes()) types.push_back(t);
  const auto limits = service.attachment_limits();
  return Json(200, {{"items", items},
                    {"limits", {{"max_bytes", limits.max_bytes}, {"max_count", limits.max_per_request}, {"media_types", types}}}});
}

// The file as it was uploaded, typed by its sniffed media type and offered as a download under
// its own name. Besides the server's X-Content-Type-Options: nosniff, a sandboxing CSP keeps a
// browser from running anything in it even if opened directly.
Response DownloadAttachment(RequestService& service, const Request& r, const access::Actor& a) {
  auto id = ParseId(r.Param("id"));
  if (!id) return ErrorResponse(id.error());
  auto attachment_id = ParseId(r.Param("attachment_id"));
  if (!attachment_id) return ErrorResponse(attachment_id.error());
  auto file = service.Download(a, *id, *attachment_id);
  if (!file) return ErrorResponse(file.error());
  Response resp;
  resp.content_type = attachments::ContentTypeHeader(file->attachment.media_type, file->bytes);
  resp.Header("Content-Disposition", attachments::ContentDisposition(file->attachment.file_name));
  resp.Header("Content-Security-Policy", "default-src 'none'; sandbox");
  resp.Header("Cache-Control", "private, no-store");
  resp.Header("ETag", "\"" + file->attachment.sha256 + "\"");
  resp.body = std::move(file->bytes);
  return resp;
}

}  // namespace

void RegisterRequestRoutes(Routes& routes, access::Auth& auth, RequestService& service, int64_t max_upload_bytes) {
  routes.Get("/api/v1/categories", Authed(auth, [&service](const Request&, const access::Actor& a) {
    auto list = service.Categories(a);
    if (!list) return ErrorResponse(list.error());
    json items = json::array();
    for (const auto& c : *list) {
      items.push_back({{"code", c.code},
                       {"name", c.name},
                       {"name_en", c.name_en},
                       {"department_id", Id(c.department_id)},
                       {"reply_days", c.reply_days},
                       {"urgent_hours", c.urgent_hours}});
    }
    return Json(200, {{"items", items}});
  }));
  routes.AddAsync(Method::kPost, "/api/v1/requests", [&auth, &service](const Request& r, Reply reply) {
    auto actor = ApiActor(r, auth);
    if (!actor) return reply(ErrorResponse(actor.error()));
    Submit(service, r, *actor, std::move(reply));
  });
  routes.Get("/api/v1/requests", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return List(service, r, a);
  }));
  routes.Get("/api/v1/requests/similar", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return Similar(service, r, a);
  }));
  routes.Get("/api/v1/requests/:id", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    return JsonOr(service.Get(a, *id).map([](const RequestView& v) { return RequestJson(v); }));
  }));
  routes.Get("/api/v1/requests/:id/events", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    auto id = ParseId(r.Param("id"));
    if (!id) return ErrorResponse(id.error());
    auto timeline = service.Events(a, *id);
    if (!timeline) return ErrorResponse(timeline.error());
    json items = json::array();
    for (const auto& e : timeline->events) items.push_back(EventJson(e));
    json out = {{"items", items}, {"chain_valid", timeline->chain_valid}};
    if (!timeline->chain_valid) out["chain_error"] = timeline->chain_error;
    return Json(200, out);
  }));
  routes.Post(
      "/api/v1/requests/:id/attachments",
      Authed(auth, [&service](const Request& r, const access::Actor& a) { return Attach(service, r, a); }),
      max_upload_bytes);
  routes.Get("/api/v1/requests/:id/attachments", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return ListAttachments(service, r, a);
  }));
  routes.Get("/api/v1/requests/:id/attachments/:attachment_id",
             Authed(auth, [&service](const Request& r, const access::Actor& a) {
               return DownloadAttachment(service, r, a);
             }));
  routes.Post("/api/v1/requests/:id/actions/:action", Authed(auth, [&service](const Request& r, const access::Actor& a) {
    return Act(service, r, a);
  }));
}

}  // namespace zhitong::http
