#include "http/metrics.h"

#include <mutex>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace zhitong::http {

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter()
          .Name("zhitong_http_requests_total")
          .Help("HTTP requests answered, by method, route pattern and status")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency =
      prometheus::BuildHistogram()
          .Name("zhitong_http_request_duration_seconds")
          .Help("Time from a request's arrival at its handler to its response, by route pattern")
          .Register(*registry);
  prometheus::Gauge& in_flight = prometheus::BuildGauge()
                                     .Name("zhitong_http_requests_in_flight")
                                     .Help("Requests being handled now")
                                     .Register(*registry)
                                     .Add({});
  prometheus::Family<prometheus::Gauge>& storage =
      prometheus::BuildGauge()
          .Name("zhitong_storage")
          .Help("Storage counters since start: commits, writes, write_failures, reads, "
                "commit_seconds (time spent committing, i.e. in fsync)")
          .Register(*registry);
  std::mutex mu;
  std::function<storage::Stats()> storage_source;
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  impl_->requests.Add({{"method", method}, {"route", route}, {"status", std::to_string(status)}})
      .Increment();
  impl_->latency.Add({{"route", route}}, kBuckets).Observe(seconds);
}

void Metrics::SetStorageSource(std::function<storage::Stats()> source) {
  std::lock_guard lock(impl_->mu);
  impl_->storage_source = std::move(source);
}

void Metrics::SetInFlight(int64_t n) { impl_->in_flight.Set(static_cast<double>(n)); }

std::string Metrics::Render() {
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->storage_source) {
      const storage::Stats s = impl_->storage_source();
      impl_->storage.Add({{"counter", "commits"}}).Set(static_cast<double>(s.commits));
      impl_->storage.Add({{"counter", "writes"}}).Set(static_cast<double>(s.writes));
      impl_->storage.Add({{"counter", "write_failures"}}).Set(static_cast<double>(s.write_failures));
      impl_->storage.Add({{"counter", "reads"}}).Set(static_cast<double>(s.reads));
      impl_->storage.Add({{"counter", "commit_seconds"}}).Set(static_cast<double>(s.commit_micros) / 1e6);
    }
  }
  return prometheus::TextSerializer().Serialize(impl_->registry->Collect());
}

}  // namespace zhitong::http
