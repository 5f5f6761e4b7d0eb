// The HTTP server: RESTinio on asio with a pool of threads, in front of the Routes table.
// It sets the limits RESTinio leaves open (headers, body, pipelining, time), gives every request
// an id (X-Request-Id), writes the access log, counts metrics, serves the built web app with an
// SPA fallback, and stops gracefully: no new connections, requests in flight finish, then exit.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/config.h"
#include "core/error.h"
#include "http/api.h"
#include "http/metrics.h"

namespace zhitong::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see Server::port)
  int threads = 8;
  int64_t max_body_bytes = 1 << 20;
  int64_t max_upload_bytes = 20 << 20;
  int64_t max_header_bytes = 32 << 10;
  int request_timeout_seconds = 30;
  std::string web_dir;   // empty: no web app
  std::string log_format = "text";

  static Result<ServerOptions> FromConfig(const Config& config);
};

class Server {
 public:
  Server(ServerOptions options, const Routes& routes, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on the pool threads; returns once the socket is listening.
  Result<void> Start();
  // The port actually bound (useful with port 0).
  uint16_t port() const;
  // Graceful stop: closes the listening socket, lets requests in flight finish (at most
  // grace_seconds), then stops the threads. Safe to call more than once.
  void Stop(int grace_seconds);
  int64_t in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks until SIGINT or SIGTERM arrives (they must be blocked in every thread: call
// BlockStopSignals() first, before starting threads). Returns the signal number.
int WaitForStopSignal();
void BlockStopSignals();

}  // namespace zhitong::http
