// Results dashboards against a generated history (`zhitong bench generate`): the three rates by
// department and by region for a month, the department × month table of a year, and the hot
// issues of a month. Times each query over several runs and prints the median and the worst, in
// milliseconds. Usage: zhitong_bench_results DATABASE_URL MONTH (e.g. sqlite:var/bench.db 2025-06)
// [RUNS]. See docs/BENCHMARKS.md and scripts/bench.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "core/clock.h"
#include "results/period.h"
#include "results/rates.h"
#include "results_service/aggregate_store.h"
#include "results_service/results_service.h"
#include "storage/database.h"

using namespace zhitong;  // NOLINT

namespace {

void Time(const char* what, int runs, const std::function<bool()>& fn) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!fn()) {
      std::printf("%-52s failed\n", what);
      return;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-52s median %9.2f ms   worst %9.2f ms   (%d runs)\n", what, ms[ms.size() / 2], ms.back(), runs);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DATABASE_URL MONTH [RUNS]\n", argv[0]);
    return 2;
  }
  const int runs = argc > 3 ? std::atoi(argv[3]) : 20;
  auto db = storage::Database::Open(argv[1]);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().ToString().c_str());
    return 1;
  }
  auto month = results::ParsePeriod(argv[2]);
  if (!month) {
    std::fprintf(stderr, "%s\n", month.error().ToString().c_str());
    return 2;
  }
  SystemClock clock;
  results_service::ResultsService service(**db, clock);
  access::Actor admin = access::SystemActor();
  auto count = (*db)->ReadValue([](storage::Tx& tx) -> Result<int64_t> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql("SELECT COUNT(*) AS n FROM requests")));
    return rows[0].i64("n");
  });
  std::printf("requests in the database: %lld; month %s\n", static_cast<long long>(count ? *count : -1),
              month->label.c_str());

  Time("three rates by department, one month (/rates)", runs, [&] {
    return service.Rates(admin, {results::UnitKind::kDepartment, *month, std::nullopt}).has_value();
  });
  Time("three rates by region, one month (/rates)", runs, [&] {
    return service.Rates(admin, {results::UnitKind::kRegion, *month, std::nullopt}).has_value();
  });
  const results::Period year{results::PeriodKind::kRange, results::MonthsEndingAt(month->to, 12).front().from,
                             month->to, "12 months"};
  Time("department x month table, 12 months", runs, [&] {
    auto r = (*db)->ReadValue([&](storage::Tx& tx) {
      return results_service::SumByUnitAndMonth(tx, results::UnitKind::kDepartment, std::nullopt, year);
    });
    if (!r) return false;
    for (const auto& [key, counts] : *r) (void)results::ComputeRates(counts, {});
    return true;
  });
  Time("three rates by department, 12 months (/rates)", runs, [&] {
    return service.Rates(admin, {results::UnitKind::kDepartment, year, std::nullopt}).has_value();
  });
  Time("hot issues, one month (/hot-issues)", std::max(1, runs / 5), [&] {
    auto h = service.HotIssues(admin, *month, 10, 2, std::nullopt);
    if (!h) std::fprintf(stderr, "%s\n", h.error().ToString().c_str());
    return h.has_value();
  });
  return 0;
}
