#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <restinio/all.hpp>

#include "core/clock.h"
#include "core/logging.h"
#include "http/router.h"

namespace zhitong::http {
namespace {

using traits_t = restinio::default_traits_t;
using Clock = std::chrono::steady_clock;

Method ToMethod(const restinio::http_method_id_t& m) {
  if (m == restinio::http_method_get()) return Method::kGet;
  if (m == restinio::http_method_post()) return Method::kPost;
  if (m == restinio::http_method_put()) return Method::kPut;
  if (m == restinio::http_method_patch()) return Method::kPatch;
  if (m == restinio::http_method_delete()) return Method::kDelete;
  if (m == restinio::http_method_head()) return Method::kHead;
  if (m == restinio::http_method_options()) return Method::kOptions;
  return Method::kOther;
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

std::string ContentTypeFor(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Error TooLargeBody(int64_t limit) {
  return Error::TooLarge("http.body_too_large",
                         fmt::format("the request body is larger than {} bytes", limit),
                         fmt::format("请求内容超过 {} 字节的上限", limit));
}

}  // namespace

Result<ServerOptions> ServerOptions::FromConfig(const Config& config) {
  ServerOptions o;
  ZT_ASSIGN_OR_RETURN(auto addr, config.ListenAddress());
  o.host = addr.first;
  o.port = addr.second;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  o.threads = config.threads > 0 ? config.threads : 4 * cores;
  o.max_body_bytes = config.max_body_bytes;
  o.max_upload_bytes = config.max_upload_bytes;
  o.max_header_bytes = config.max_header_bytes;
  o.request_timeout_seconds = config.request_timeout_seconds;
  o.web_dir = config.web_dir;
  o.log_format = config.log_format;
  return o;
}

struct Server::Impl {
  ServerOptions options;
  Router router;
  Metrics& metrics;
  asio::io_context io;
  std::unique_ptr<restinio::http_server_t<traits_t>> server;
  std::vector<std::thread> threads;
  std::atomic<uint16_t> bound_port{0};
  std::atomic<int64_t> in_flight{0};
  std::atomic<bool> draining{false};  // SIGTERM received: finish what is in flight, say Connection: close
  std::atomic<bool> closed{false};    // past the drain: refuse to start any new work
  std::atomic<bool> stopped{false};
  std::string id_prefix;
  std::atomic<uint64_t> id_counter{0};

  Impl(ServerOptions o, const Routes& routes, Metrics& m)
      : options(std::move(o)), router(routes.all()), metrics(m) {
    std::random_device rd;
    id_prefix = fmt::format("{:08x}", rd());
  }

  restinio::request_handling_status_t Handle(const restinio::request_handle_t& req);
  void Finish(const restinio::request_handle_t& req, const Request& request, Response response,
              const std::string& route, Clock::time_point start);
  std::optional<Response> ServeStatic(const Request& request);
};

std::optional<Response> Server::Impl::ServeStatic(const Request& request) {
  if (options.web_dir.empty() || (request.method != Method::kGet && request.method != Method::kHead)) {
    return std::nullopt;
  }
  namespace fs = std::filesystem;
  const fs::path root = fs::path(options.web_dir);
  std::string decoded;
  if (!PercentDecode(request.path, &decoded) || decoded.find("..") != std::string::npos ||
      decoded.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  Response r;
  r.status = 200;
  fs::path file = root / fs::path(decoded).relative_path();
  std::error_code ec;
  const bool is_asset = decoded.rfind("/assets/", 0) == 0;
  if (decoded == "/" || !fs::is_regular_file(file, ec)) {
    if (is_asset || fs::path(decoded).has_extension()) return std::nullopt;  // a missing file is 404
    file = root / "index.html";  // SPA fallback: the app's router takes the path
  }
  const bool gzip_ok = request.Header("accept-encoding").value_or("").find("gzip") != std::string::npos;
  std::optional<std::string> body;
  if (gzip_ok) {
    body = ReadFile(file.string() + ".gz");
    if (body) r.Header("Content-Encoding", "gzip");
  }
  if (!body) body = ReadFile(file);
  if (!body) {
    if (file.filename() != "index.html") return std::nullopt;
    r.content_type = "text/html; charset=utf-8";
    r.body =
        "<!doctype html><meta charset=utf-8><title>直通 Zhitong</title><p>直通 Zhitong: the web app "
        "is not built (run <code>make web</code>). The API is at <a href=/api/v1/openapi.json>"
        "/api/v1/openapi.json</a>.</p>";
    return r;
  }
  r.body = std::move(*body);
  r.content_type = ContentTypeFor(file);
  r.Header("Vary", "Accept-Encoding");
  r.Header("Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

void Server::Impl::Finish(const restinio::request_handle_t& req, const Request& request,
                          Response response, const std::string& route, Clock::time_point start) {
  auto builder = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, Reason(response.status)});
  builder.append_header(restinio::http_field::content_type, response.content_type);
  builder.append_header("X-Request-Id", request.request_id);
  builder.append_header("X-Content-Type-Options", "nosniff");
  for (auto& [k, v] : response.headers) builder.append_header(k, v);
  builder.append_header_date_field();
  if (draining.load()) builder.connection_close();
  const size_t body_size = response.body.size();
  if (request.method != Method::kHead) builder.set_body(std::move(response.body));
  const int status = response.status;
  const std::string method = MethodName(request.method);
  builder.done([this, start, status, method, route, path = request.path, id = request.request_id,
                remote = request.remote_address, body_size](const asio::error_code&) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    metrics.ObserveRequest(method, route, status, seconds);
    if (options.log_format == "json") {
      LogAccess(nlohmann::json{{"time", FormatUtc(SystemClock().Now())}, {"request_id", id}, {"method", method}, {"path", path},
                                  {"route", route}, {"status", status}, {"bytes", body_size},
                                  {"ms", seconds * 1000}, {"remote", remote}}
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      LogAccess(fmt::format("{} {} {} {} {}B {:.2f}ms {}", id, method, path, status, body_size,
                            seconds * 1000, remote));
    }
    metrics.SetInFlight(--in_flight);
  });
}

restinio::request_handling_status_t Server::Impl::Handle(const restinio::request_handle_t& req) {
  const auto start = Clock::now();
  metrics.SetInFlight(++in_flight);
  // Paired with Stop(): the increment above comes before this check, and Stop sets `closed`
  // before its last look at in_flight, so a handler either sees `closed` or is waited for.
  if (closed.load()) {
    metrics.SetInFlight(--in_flight);
    return restinio::request_rejected();
  }
  auto request = std::make_shared<Request>();
  request->method = ToMethod(req->header().method());
  request->path = std::string(req->header().path());
  request->remote_address = req->remote_endpoint().address().to_string();
  size_t header_bytes = 0;
  for (const auto& field : req->header()) {
    std::string name(field.name());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    header_bytes += name.size() + field.value().size() + 4;
    request->headers.emplace_back(std::move(name), field.value());
  }
  const auto given_id = request->Header("x-request-id");
  request->request_id = given_id && ValidRequestId(*given_id)
                            ? *given_id
                            : fmt::format("{}-{:x}", id_prefix, ++id_counter);

  auto respond = [&](Response r, const std::string& route) {
    Finish(req, *request, std::move(r), route, start);
    return restinio::request_accepted();
  };

  if (static_cast<int64_t>(header_bytes) > options.max_header_bytes) {
    auto r = ErrorResponse(Error::Invalid(
        "http.headers_too_large", fmt::format("request headers exceed {} bytes", options.max_header_bytes),
        fmt::format("请求头超过 {} 字节的上限", options.max_header_bytes)));
    r.status = 431;
    return respond(std::move(r), "(headers_too_large)");
  }
  // Relaxed (RFC 3986 query characters may come unescaped): Open311 clients send
  // "start_date=2010-05-24T00:00:00Z" and "service_request_id=1,2" as the standard's own sample
  // URLs do (http://wiki.open311.org/GeoReport_v2), and the strict form-urlencoded mode refuses
  // ':' and ','. '+' is still a space and %XX is decoded.
  const auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(req->header().query());
  if (!query) {
    return respond(ErrorResponse(Error::Invalid("http.query_malformed",
                                                "the query string is malformed: " + std::string(query.error().description()),
                                                "查询参数格式错误")),
                   "(malformed)");
  }
  for (const auto& kv : *query) request->query.emplace_back(std::string(kv.first), std::string(kv.second));

  auto match = router.Find(request->method, request->path);
  if (!match.route) {
    if (auto file = ServeStatic(*request); file && request->path.rfind("/api/", 0) != 0 &&
                                           request->path.rfind("/open311/", 0) != 0) {
      return respond(std::move(*file), "(static)");
    }
    if (!match.allowed.empty()) {
      std::string allow;
      for (auto m : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(MethodName(m));
      auto r = ErrorResponse(Error::Invalid(
          "http.method_not_allowed",
          fmt::format("{} is not allowed here; allowed: {}", MethodName(request->method), allow),
          fmt::format("此地址不支持 {} 方法，可用：{}", MethodName(request->method), allow)));
      r.status = 405;
      r.Header("Allow", allow);
      return respond(std::move(r), "(method_not_allowed)");
    }
    return respond(ErrorResponse(Error::NotFound("http.not_found",
                                                 "no such endpoint: " + request->path.substr(0, 200),
                                                 "接口不存在：" + request->path.substr(0, 200))),
                   "(not_found)");
  }
  const Route& route = *match.route;
  const int64_t limit = route.max_body_bytes > 0 ? route.max_body_bytes : options.max_body_bytes;
  if (static_cast<int64_t>(req->body().size()) > limit) {
    return respond(ErrorResponse(TooLargeBody(limit)), route.pattern);
  }
  request->body = req->body();
  request->params = std::move(match.params);

  auto guarded = [&](auto&& fn) -> std::optional<Response> {
    try {
      return fn();
    } catch (const std::exception& e) {
      spdlog::error("{} handler for {} threw: {}", request->request_id, route.pattern, e.what());
    } catch (...) {
      spdlog::error("{} handler for {} threw", request->request_id, route.pattern);
    }
    return ErrorResponse(Error::Internal("internal", "internal error; see the server log for request " +
                                                         request->request_id));
  };

  if (route.handler) {
    auto r = guarded([&] { return std::optional<Response>(route.handler(*request)); });
    return respond(std::move(*r), route.pattern);
  }
  // Asynchronous: the reply may come from another thread, after this function returns.
  const std::string pattern = route.pattern;
  auto reply = [this, req, request, pattern, start](Response r) {
    Finish(req, *request, std::move(r), pattern, start);
  };
  try {
    route.async_handler(*request, reply);
  } catch (const std::exception& e) {
    spdlog::error("{} async handler for {} threw: {}", request->request_id, pattern, e.what());
    reply(ErrorResponse(Error::Internal("internal", "internal error")));
  }
  return restinio::request_accepted();
}

Server::Server(ServerOptions options, const Routes& routes, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), routes, metrics)) {}

Server::~Server() { Stop(0); }

Result<void> Server::Start() {
  auto& o = impl_->options;
  const auto timeout = std::chrono::seconds(o.request_timeout_seconds);
  // RESTinio closes the connection without an answer when a hard limit is hit; keep them above
  // our own limits, which answer with a JSON error instead.
  const auto hard_body = static_cast<std::uint64_t>(std::max(o.max_body_bytes, o.max_upload_bytes)) + (1 << 20);
  try {
    impl_->server = std::make_unique<restinio::http_server_t<traits_t>>(
        restinio::external_io_context(impl_->io),
        restinio::server_settings_t<traits_t>{}
            .address(o.host)
            .port(o.port)
            .request_handler([impl = impl_.get()](auto req) { return impl->Handle(req); })
            .max_pipelined_requests(16)
            .read_next_http_message_timelimit(timeout)
            .handle_request_timeout(timeout)
            .write_http_response_timelimit(timeout)
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                          .max_url_size(16 << 10)
                                          .max_field_name_size(1 << 10)
                                          .max_field_value_size(static_cast<size_t>(o.max_header_bytes) * 2)
                                          .max_field_count(200)
                                          .max_body_size(hard_body))
            .acceptor_post_bind_hook([impl = impl_.get()](asio::ip::tcp::acceptor& a) {
              impl->bound_port = a.local_endpoint().port();
            }));
    impl_->server->open_sync();
  } catch (const std::exception& e) {
    return Error::Unavailable("http.bind_failed", fmt::format("cannot listen on {}:{}: {}", o.host, o.port, e.what()),
                              fmt::format("无法在 {}:{} 上监听：{}", o.host, o.port, e.what()));
  }
  for (int i = 0; i < o.threads; ++i) {
    impl_->threads.emplace_back([this] {
      for (;;) {
        try {
          impl_->io.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("http worker: {}", e.what());
        }
      }
    });
  }
  return Ok();
}

uint16_t Server::port() const { return impl_->bound_port.load(); }
int64_t Server::in_flight() const { return impl_->in_flight.load(); }

void Server::Stop(int grace_seconds) {
  if (!impl_->server || impl_->stopped.exchange(true)) return;
  impl_->draining = true;
  std::promise<void> closed;
  impl_->server->close_async([&closed] { closed.set_value(); },
                             [&closed](std::exception_ptr) { closed.set_value(); });
  closed.get_future().wait_for(std::chrono::seconds(5));
  const auto deadline = Clock::now() + std::chrono::seconds(grace_seconds);
  while (impl_->in_flight.load() > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->closed = true;
  const auto last_look = Clock::now() + std::chrono::seconds(std::min(grace_seconds, 2));
  while (impl_->in_flight.load() > 0 && Clock::now() < last_look) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (impl_->in_flight.load() > 0) {
    spdlog::warn("stopping with {} requests still in flight after {} s", impl_->in_flight.load(), grace_seconds);
  }
  impl_->io.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  impl_->threads.clear();
}

void BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForStopSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

}  // namespace zhitong::http
