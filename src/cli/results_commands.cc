#include "cli/results_commands.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "access/actor.h"
#include "cli/context.h"
#include "core/clock.h"
#include "requests_service/calendar_store.h"
#include "results/period.h"
#include "results_service/aggregate_store.h"
#include "results_service/generator.h"
#include "results_service/recompute.h"
#include "results_service/report.h"
#include "results_service/results_service.h"

namespace zhitong::cli {
namespace {

struct Options {
  std::string period;
  std::string out;
  int64_t requests = 100000;
  int months = 12;
  uint64_t seed = 1;
  std::string end;
  bool no_events = false;
};

access::Actor CliActor() {
  access::Actor a;
  a.login = "cli";
  a.display_name = "命令行 command line";
  a.role = access::Role::kAdmin;
  return a;
}

Result<calendar::WorkingCalendar> Calendar(storage::Database& db) {
  SystemClock clock;
  ZT_TRY(requests_service::SeedCalendarIfEmpty(db, clock.Now()));
  return db.ReadValue([](storage::Tx& tx) { return requests_service::LoadCalendar(tx); });
}

int RunReport(const Config& config, const Options& o) {
  auto period = results::ParsePeriod(o.period);
  if (!period) return Fail(period.error());
  if (period->kind != results::PeriodKind::kMonth) {
    return Fail(Error::Invalid("results.invalid_period", "the report is monthly: give a month such as 2025-03",
                               "报告按月生成：请给出月份，如 2025-03"));
  }
  auto definitions = results_service::DefinitionsFromConfig(config);
  if (!definitions) return Fail(definitions.error());
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  results_service::ResultsService service(**db, clock, *definitions);
  auto bytes = results_service::MonthlyReportXlsx(service, CliActor(), *period);
  if (!bytes) return Fail(bytes.error());
  std::ofstream out(o.out, std::ios::binary);
  out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  if (!out) return Fail(Error::Invalid("report.unwritable", "cannot write " + o.out, "无法写入 " + o.out));
  std::printf("wrote %s (%zu bytes): the results of %s\n", o.out.c_str(), bytes->size(), period->label.c_str());
  return 0;
}

int RunCheck(const Config& config, bool rebuild) {
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  auto cal = Calendar(**db);
  if (!cal) return Fail(cal.error());
  auto recomputed = (*db)->ReadValue([&](storage::Tx& tx) { return results_service::RecomputeFromEvents(tx, *cal); });
  if (!recomputed) return Fail(recomputed.error());
  if (rebuild) {
    auto st = (*db)->Write([&](storage::Tx& tx) -> Result<void> {
      ZT_TRY(tx.Exec(storage::Sql("DELETE FROM results_daily")));
      return results_service::AddBuckets(tx, *recomputed);
    });
    if (!st) return Fail(st.error());
    std::printf("rebuilt results_daily: %zu (unit, day) rows from the events\n", recomputed->buckets().size());
    return 0;
  }
  auto kept = (*db)->ReadValue([](storage::Tx& tx) { return results_service::LoadLedger(tx); });
  if (!kept) return Fail(kept.error());
  const std::string diff = results_service::LedgerDifferences(*kept, *recomputed);
  if (diff.empty()) {
    std::printf("ok: %zu (unit, day) rows match the recompute from the events\n", recomputed->buckets().size());
    return 0;
  }
  std::fprintf(stderr, "the kept aggregates differ from the recompute (kept vs recomputed):\n%s", diff.c_str());
  return 1;
}

int RunGenerate(const Config& config, const Options& o) {
  results_service::GenerateOptions g;
  g.requests = o.requests;
  g.months = o.months;
  g.seed = o.seed;
  g.write_events = !o.no_events;
  if (o.end.empty()) {
    g.end = SystemClock().Now();
  } else {
    auto end = ParseTimestamp(o.end);
    if (!end) return Fail(end.error());
    g.end = *end;
  }
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  auto cal = Calendar(**db);
  if (!cal) return Fail(cal.error());
  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  auto stats = results_service::GenerateHistory(**db, *cal, g, [&](const results_service::GenerateStats& s) {
    std::fprintf(stderr, "\r  %lld requests, %lld events (%.0f s)", static_cast<long long>(s.requests),
                 static_cast<long long>(s.events), seconds());
    std::fflush(stderr);
  });
  std::fputc('\n', stderr);
  if (!stats) return Fail(stats.error());
  (*db)->Close();
  std::printf("generated %lld requests, %lld events, %lld (unit, day) rows in %.1f s (seed %llu)\n",
              static_cast<long long>(stats->requests), static_cast<long long>(stats->events),
              static_cast<long long>(stats->buckets), seconds(), static_cast<unsigned long long>(o.seed));
  return 0;
}

}  // namespace

std::function<int(const Config&)> AddResultsCommands(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* report = app.add_subcommand("report", "Write the monthly results report (.xlsx with charts)");
  report->add_option("--period", o->period, "the month, e.g. 2025-03")->required();
  report->add_option("--out", o->out, "the .xlsx file to write")->required();

  auto* results = app.add_subcommand("results", "Check or rebuild the results aggregates from the request events");
  results->require_subcommand(1);
  auto* check = results->add_subcommand("check", "Compare the kept aggregates with a recompute from the events");
  auto* rebuild = results->add_subcommand("rebuild", "Replace the kept aggregates with a recompute from the events");

  auto* bench = app.add_subcommand("bench", "Benchmark support");
  bench->require_subcommand(1);
  auto* generate = bench->add_subcommand("generate", "Write a plausible history of requests (needs a directory: zhitong demo)");
  generate->add_option("--requests", o->requests, "how many requests")->check(CLI::Range(int64_t{0}, int64_t{1} << 40));
  generate->add_option("--months", o->months, "over how many months, ending now (or --end)")->check(CLI::Range(1, 1200));
  generate->add_option("--seed", o->seed, "random seed (the same seed, the same history)");
  generate->add_option("--end", o->end, "when the history ends (RFC 3339 or a date; default: now)");
  generate->add_flag("--no-events", o->no_events, "write requests and aggregates but not the timelines");

  return [o, report, check, rebuild, generate](const Config& config) -> int {
    if (report->parsed()) return RunReport(config, *o);
    if (check->parsed()) return RunCheck(config, false);
    if (rebuild->parsed()) return RunCheck(config, true);
    if (generate->parsed()) return RunGenerate(config, *o);
    return -1;
  };
}

}  // namespace zhitong::cli
