// The HTTP surface as handlers see it: a plain request and response, and a table of routes.
// Handlers never include RESTinio (server.cc adapts it), so they stay small, quick to compile and
// testable without a socket. A handler parses its input, calls one service function and renders
// the result; business rules live below, in services and the domain.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"

namespace zhitong::http {

enum class Method { kGet, kPost, kPut, kPatch, kDelete, kHead, kOptions, kOther };
const char* MethodName(Method m);

struct Request {
  Method method = Method::kGet;
  std::string path;                                    // without the query string
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::map<std::string, std::string> params;           // from the route pattern (":id")
  std::string body;
  std::string remote_address;
  std::string request_id;

  // First value of a query parameter, if present.
  std::optional<std::string> Query(std::string_view name) const;
  // First value of a header (name case-insensitive), if present.
  std::optional<std::string> Header(std::string_view name) const;
  std::string Param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  Response& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// A JSON response; the body is the serialized value (UTF-8, not ASCII-escaped).
Response Json(int status, const nlohmann::json& value);
// The standard error body {"error":{"code","message","message_zh"[,"fields"]}} with the status
// that the error's kind maps to.
Response ErrorResponse(const Error& error);
int StatusFor(ErrorKind kind);
// Renders a Result<nlohmann::json>: the value with `ok_status`, or the error.
Response JsonOr(Result<nlohmann::json> result, int ok_status = 200);

using Handler = std::function<Response(const Request&)>;
// A handler that answers later, from any thread, by calling reply exactly once; for work that
// waits on a group commit without holding a server thread.
using Reply = std::function<void(Response)>;
using AsyncHandler = std::function<void(const Request&, Reply reply)>;

struct Route {
  Method method;
  std::string pattern;  // "/api/v1/requests/:id": literal segments and ":name" parameters
  Handler handler;      // one of handler and async_handler is set
  AsyncHandler async_handler;
  int64_t max_body_bytes = 0;  // 0: the server's default
};

// The routes of the whole server, filled by each capability's Register… function.
class Routes {
 public:
  void Get(std::string pattern, Handler h) { Add(Method::kGet, std::move(pattern), std::move(h)); }
  void Post(std::string pattern, Handler h, int64_t max_body = 0) {
    Add(Method::kPost, std::move(pattern), std::move(h), max_body);
  }
  void Put(std::string pattern, Handler h) { Add(Method::kPut, std::move(pattern), std::move(h)); }
  void Patch(std::string pattern, Handler h) { Add(Method::kPatch, std::move(pattern), std::move(h)); }
  void Delete(std::string pattern, Handler h) { Add(Method::kDelete, std::move(pattern), std::move(h)); }
  void Add(Method m, std::string pattern, Handler h, int64_t max_body = 0) {
    routes_.push_back({m, std::move(pattern), std::move(h), nullptr, max_body});
  }
  void AddAsync(Method m, std::string pattern, AsyncHandler h, int64_t max_body = 0) {
    routes_.push_back({m, std::move(pattern), nullptr, std::move(h), max_body});
  }
  const std::vector<Route>& all() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace zhitong::http
