#include "http/api.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace zhitong::http {

const char* MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kHead: return "HEAD";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return std::nullopt;
}

std::string Request::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

Response Json(int status, const nlohmann::json& value) {
  Response r;
  r.status = status;
  // Replace invalid UTF-8 rather than throw: a response must always be written.
  r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kRateLimited: return 429;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error) {
  nlohmann::json body = {{"code", error.code}, {"message", error.message}, {"message_zh", error.message_zh}};
  if (!error.fields.empty()) {
    auto& fields = body["fields"] = nlohmann::json::array();
    for (const auto& f : error.fields) {
      fields.push_back({{"field", f.field}, {"message", f.message}, {"message_zh", f.message_zh}});
    }
  }
  Response r = Json(StatusFor(error.kind), {{"error", std::move(body)}});
  if (error.retry_after_seconds > 0) r.Header("Retry-After", std::to_string(error.retry_after_seconds));
  return r;
}

Response JsonOr(Result<nlohmann::json> result, int ok_status) {
  if (!result) return ErrorResponse(result.error());
  return Json(ok_status, *result);
}

}  // namespace zhitong::http
