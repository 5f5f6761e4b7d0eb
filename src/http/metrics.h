// Prometheus metrics of the server, rendered at /metrics in the text exposition format by
// prometheus-cpp: HTTP requests by route and status, request latency, and storage counters
// read from the database at scrape time. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "storage/database.h"

namespace zhitong::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // route is the route pattern (bounded cardinality), never the raw path.
  void ObserveRequest(const std::string& method, const std::string& route, int status, double seconds);
  // Where storage counters come from at scrape time (may be unset).
  void SetStorageSource(std::function<storage::Stats()> source);
  void SetInFlight(int64_t n);
  // The whole registry in the Prometheus text format.
  std::string Render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zhitong::http
