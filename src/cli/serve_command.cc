#include "cli/serve_command.h"

#include <spdlog/spdlog.h>

#include <malloc.h>

#include <csignal>

#include "cli/context.h"
#include "access/auth.h"
#include "access/users.h"
#include "attachments/blob_store.h"
#include "contacts_service/contacts_service.h"
#include "core/clock.h"
#include "core/version.h"
#include "core/periodic.h"
#include "directory_service/directory_service.h"
#include "escalation/ladder.h"
#include "escalation_service/scheduler.h"
#include "http/metrics.h"
#include "liaison_service/liaison_service.h"
#include "http/routes.h"
#include "http/server.h"
#include "notify_service/delivery.h"
#include "notify_service/inbox.h"
#include "notify_service/outbox.h"
#include "notify_service/webhooks.h"
#include "requests_service/request_service.h"
#include "requests_service/test_clock.h"
#include "results_service/observer.h"
#include "results_service/results_service.h"

namespace zhitong::cli {

int RunServe(const Config& config) {
  // glibc gives freed memory back to the kernel as soon as a thread's heap has 128 KiB free at
  // its top, and serves every block over 128 KiB by mmap: a list page (≈ 100 KiB of JSON, built
  // and freed per request) then costs an madvise or munmap, each flushing the TLB of every core —
  // 17 % of the server's time on the queue page (perf, docs/BENCHMARKS.md). Keeping up to 64 MiB
  // and mapping only blocks over 4 MiB took that page from ≈ 160 to ≈ 200 pages/s here; the
  // resident peak stayed at 34 MB. See mallopt(3).
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  // Before any thread starts, so that only WaitForStopSignal receives them.
  http::BlockStopSignals();
  std::signal(SIGPIPE, SIG_IGN);

  auto opts = http::ServerOptions::FromConfig(config);
  if (!opts) return Fail(opts.error());
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  auto version = (*db)->SchemaVersion();
  spdlog::info("zhitong {} database {} (schema {})", kVersion,
               config.DatabaseUrl().rfind("sqlite:", 0) == 0 ? config.DatabaseUrl() : "postgresql",
               version ? *version : -1);

  http::Metrics metrics;
  http::Routes routes;
  SystemClock clock;
  access::Auth auth(**db, clock);
  access::Users users(**db, clock);
  // The results aggregates follow every request change (the observer outlives the service).
  auto definitions = results_service::DefinitionsFromConfig(config);
  if (!definitions) return Fail(definitions.error());
  results_service::HotAlertOptions alerts;
  alerts.threshold = static_cast<size_t>(config.hot_issue_alert_threshold);
  results_service::ResultsObserver results_observer(alerts);
  // The requests service may run on a fake clock in end-to-end tests (ZHITONG_FAKE_NOW).
  auto requests_clock = requests_service::ClockFromEnvironmentForTest();
  if (!requests_clock) return Fail(requests_clock.error());
  auto requests = requests_service::RequestService::Open(**db, **requests_clock);
  if (!requests) return Fail(requests.error());
  // Attachments: their bytes content-addressed under the data directory (attachments/blob_store.h).
  auto blobs = attachments::BlobStore::Open(config.data_dir + "/attachments");
  if (!blobs) return Fail(blobs.error());
  (*requests)->EnableAttachments(**blobs, {.max_bytes = config.max_upload_bytes,
                                           .max_per_request = config.attachments_per_request});
  auto ladder = escalation::ParseLadder(config.escalation_ladder);
  if (!ladder) return Fail(ladder.error());
  // Every request change writes its notifications and its escalation record in its own transaction.
  notify_service::OutboxObserver outbox;
  escalation_service::EscalationRecorder escalation_recorder;
  (*requests)->AddObserver(outbox);
  (*requests)->AddObserver(escalation_recorder);
  (*requests)->AddObserver(results_observer);
  results_service::ResultsService results(**db, **requests_clock, *definitions);
  directory_service::DirectoryService directory(**db, clock);
  contacts_service::ContactsService contacts(
      **db, **requests_clock,
      {.inspection_cap_per_year = config.inspection_cap_per_year,
       .high_frequency_threshold = config.high_frequency_threshold,
       .high_frequency_days = config.high_frequency_days},
      **requests);
  liaison_service::LiaisonService liaison(**db, clock);
  notify_service::Inbox inbox(**db, clock);
  notify_service::Webhooks webhooks(**db, clock);
  http::RegisterAllRoutes(routes, {.db = **db, .metrics = metrics, .config = config, .clock = clock, .auth = auth,
                                   .users = users, .requests = requests->get(), .directory = &directory,
                                   .contacts = &contacts, .results = &results, .liaison = &liaison,
                                   .inbox = &inbox, .webhooks = &webhooks});

  // The background work of the server: escalation and auto-close on the requests clock;
  // inbox fan-out and webhook delivery on the real one.
  escalation_service::Scheduler scheduler(
      **db, **requests, **requests_clock,
      {.ladder = *ladder, .auto_close = {config.auto_close_days, config.auto_close_day_kind == "working"}});
  // Each run first picks up a calendar that an administrator saved through another server.
  Periodic scheduling("scheduler", std::chrono::seconds(config.scheduler_interval_seconds), [&scheduler, &requests] {
    if (auto st = (*requests)->RefreshCalendarIfChanged(); !st) {
      spdlog::error("calendar: {}", st.error().ToString());
    } else if (*st) {
      spdlog::info("calendar: reloaded, changed in the database");
    }
    if (auto st = scheduler.RunOnce(); !st) spdlog::error("scheduler: {}", st.error().ToString());
  });
  notify_service::DeliveryWorker delivery(
      **db, clock,
      {.retry = {config.webhook_max_attempts, std::chrono::seconds(config.webhook_backoff_seconds),
                 std::chrono::seconds(3600)},
       .timeout = std::chrono::seconds(config.webhook_timeout_seconds)});
  Periodic delivering("notifications", std::chrono::milliseconds(config.notify_interval_ms),
                      [&delivery] { delivery.RunOnce(); });

  http::Server server(*opts, routes, metrics);
  if (auto st = server.Start(); !st) return Fail(st.error());
  spdlog::info("serving on http://{}:{} with {} threads", opts->host, server.port(), opts->threads);
  std::printf("Zhitong 直通 is serving on http://%s:%u\n", opts->host.c_str(), server.port());
  std::fflush(stdout);
  scheduling.Start();
  delivering.Start();

  const int sig = http::WaitForStopSignal();
  spdlog::info("received {}; stopping: no new connections, finishing requests in flight",
               sig == SIGTERM ? "SIGTERM" : "SIGINT");
  server.Stop(config.shutdown_grace_seconds);
  scheduling.Stop();
  delivering.Stop();
  (*db)->Close();
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace zhitong::cli
