#include "http/open311_handlers.h"

#include <memory>

#include "http/auth_context.h"
#include "open311/geo_report.h"
#include "open311/mapping.h"

namespace zhitong::http {
namespace {

using open311::Format;
using open311::GeoReport;
using open311::Node;

Response Render(int status, const Node& node, Format format) {
  Response r;
  r.status = status;
  r.content_type = open311::ContentType(format);
  r.body = open311::Render(node, format);
  return r;
}

Response Errors(const Error& e, Format format) { return Render(open311::HttpStatus(e), open311::ErrorsNode(e), format); }

Response Answer(const Result<Node>& result, Format format, int ok_status = 200) {
  if (!result) return Errors(result.error(), format);
  return Render(ok_status, *result, format);
}

// "12.json" → ("12", json). No extension: XML, the format the standard requires of every server.
struct Target {
  std::string name;
  Format format = Format::kXml;
};
Result<Target> SplitFormat(const std::string& file) {
  const size_t dot = file.rfind('.');
  if (dot == std::string::npos) return Target{file, Format::kXml};
  const std::string ext = file.substr(dot + 1);
  if (ext == "xml") return Target{file.substr(0, dot), Format::kXml};
  if (ext == "json") return Target{file.substr(0, dot), Format::kJson};
  return Error::NotFound("open311.unknown_format", "there is no format \"" + ext.substr(0, 20) + "\" (use .xml or .json)",
                         "不支持“" + ext.substr(0, 20) + "”格式（请用 .xml 或 .json）");
}

Error ApiKeyRequired() {
  return Error::Forbidden("open311.api_key_required", "an api_key is required to create a service request",
                          "提交服务请求须提供 api_key");
}
Error ApiKeyInvalid() {
  return Error::Forbidden("open311.api_key_invalid", "invalid api_key received", "api_key 无效");
}

// The caller: the user of an api_key (form field, query parameter or X-API-Key / Authorization
// header, or a signed-in session); null when none was sent. A key that is sent but not valid is
// always refused (403), so a typo never silently turns into an anonymous read.
Result<std::optional<access::Actor>> Caller(const Request& r, access::Auth& auth, const open311::FormFields* form) {
  std::optional<std::string> key;
  if (form) {
    for (const auto& [k, v] : *form) {
      if (k == "api_key" && !v.empty()) {
        key = v;
        break;
      }
    }
  }
  if (!key) {
    if (auto q = r.Query("api_key"); q && !q->empty()) key = q;
  }
  if (key) {
    if (key->rfind(access::kApiKeyPrefix, 0) != 0) return ApiKeyInvalid();
    auto actor = auth.Authenticate(*key);
    if (!actor) return ApiKeyInvalid();
    return std::optional<access::Actor>(*actor);
  }
  if (r.Header("x-api-key") || r.Header("authorization") || Cookie(r, kSessionCookie)) {
    auto actor = Authenticate(r, auth);
    if (!actor) {
      return actor.error().kind == ErrorKind::kForbidden ? actor.error() : ApiKeyInvalid();
    }
    return std::optional<access::Actor>(*actor);
  }
  return std::optional<access::Actor>();
}

// The discovery document's endpoint URL, from the Host the client used (and the scheme a TLS
// proxy reports), so that it is right behind any proxy.
std::string EndpointUrl(const Request& r) {
  const std::string scheme = r.Header("x-forwarded-proto").value_or("") == "https" ? "https" : "http";
  return scheme + "://" + r.Header("host").value_or("localhost") + "/open311/v2";
}

Response PostRequests(GeoReport& geo, access::Auth& auth, const Request& r, Format format) {
  const std::string type = r.Header("content-type").value_or("application/x-www-form-urlencoded");
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    return Errors(Error::Invalid("open311.content_type",
                                 "send the service request as application/x-www-form-urlencoded",
                                 "服务请求须以 application/x-www-form-urlencoded 格式提交"),
                  format);
  }
  auto form = open311::ParseForm(r.body);
  if (!form) return Errors(form.error(), format);
  auto caller = Caller(r, auth, &*form);
  if (!caller) return Errors(caller.error(), format);
  if (!*caller) return Errors(ApiKeyRequired(), format);
  return Answer(geo.Submit(**caller, *form, r.request_id), format);
}

}  // namespace

void RegisterOpen311Routes(Routes& routes, access::Auth& auth, storage::Database& db,
                           requests_service::RequestService& requests) {
  auto geo = std::make_shared<GeoReport>(db, requests);
  for (Format format : {Format::kXml, Format::kJson}) {
    const std::string ext = format == Format::kXml ? ".xml" : ".json";
    routes.Get("/open311/discovery" + ext, [geo, format](const Request& r) {
      return Answer(geo->Discovery(EndpointUrl(r)), format);
    });
    routes.Get("/open311/v2/services" + ext, [geo, format](const Request&) { return Answer(geo->Services(), format); });
    routes.Get("/open311/v2/requests" + ext, [geo, &auth, format](const Request& r) {
      auto caller = Caller(r, auth, nullptr);
      if (!caller) return Errors(caller.error(), format);
      return Answer(geo->Requests(caller->has_value() ? &**caller : nullptr, r.query), format);
    });
    routes.Post("/open311/v2/requests" + ext,
                [geo, &auth, format](const Request& r) { return PostRequests(*geo, auth, r, format); });
  }
  routes.Get("/open311/v2/services/:file", [geo](const Request& r) {
    auto target = SplitFormat(r.Param("file"));
    if (!target) return Errors(target.error(), Format::kXml);
    return Answer(geo->ServiceDefinition(target->name), target->format);
  });
  routes.Get("/open311/v2/requests/:file", [geo, &auth](const Request& r) {
    auto target = SplitFormat(r.Param("file"));
    if (!target) return Errors(target.error(), Format::kXml);
    auto caller = Caller(r, auth, nullptr);
    if (!caller) return Errors(caller.error(), target->format);
    return Answer(geo->Request(caller->has_value() ? &**caller : nullptr, target->name), target->format);
  });
  routes.Get("/open311/v2/tokens/:file", [geo](const Request& r) {
    auto target = SplitFormat(r.Param("file"));
    if (!target) return Errors(target.error(), Format::kXml);
    return Answer(geo->Token(target->name), target->format);
  });
  // Anything else under /open311/ is "not found" in the standard's own form (XML, its required format).
  for (const char* pattern : {"/open311/:a", "/open311/:a/:b", "/open311/v2/:a/:b", "/open311/v2/:a/:b/:c"}) {
    routes.Get(pattern, [](const Request& r) {
      return Errors(Error::NotFound("open311.not_found", "no such Open311 resource: " + r.path.substr(0, 200),
                                    "没有此 Open311 资源：" + r.path.substr(0, 200)),
                    Format::kXml);
    });
  }
}

}  // namespace zhitong::http
