// The liaison assignment engine (liaison/assignment.h) at city and province scale: the demo city
// of Zibo (2,000 enterprises × 306 officials, targets < 100 ms), and synthetic cities of the same
// shape scaled to 100,000 enterprises × 10,000 officials (target < 10 s). Each size is planned
// fresh (nobody assigned yet) and again after one official leaves (warm: everyone else keeps
// their liaison). Pure computation: no database.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <vector>

#include "directory/demo_city.h"
#include "liaison/assignment.h"

namespace {

using zhitong::directory::Date;
using zhitong::directory::Enterprise;
using zhitong::directory::Official;
using zhitong::directory::Rank;
using zhitong::liaison::Assignment;
using zhitong::liaison::PlanAssignments;

constexpr Date kOn = std::chrono::year{2025} / std::chrono::March / 1;

struct City {
  std::vector<Enterprise> enterprises;
  std::vector<Official> officials;
};

// A city shaped like the demo city: 10.5 % of enterprises key, 10 % of officials city leaders,
// about 27 district officials per district, capacities a little above the average load, 30
// industries, two or three industries of expertise per official, and one declared conflict for
// about one official in three.
City SyntheticCity(int enterprises, int officials, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  City c;
  const int leaders = std::max(1, officials / 10);
  const int district_officials = officials - leaders;
  const int regions = std::max(1, district_officials / 27);
  const int key = enterprises * 105 / 1000;
  std::vector<std::vector<int64_t>> pool(static_cast<size_t>(regions) + 1);  // 0: key
  for (int i = 0; i < enterprises; ++i) {
    Enterprise e;
    e.id = i + 1;
    e.above_scale = true;
    e.is_key = i < key;
    e.region_id = 2 + below(regions);
    e.industry_code = std::to_string(13 + below(30));
    pool[e.is_key ? 0 : static_cast<size_t>(e.region_id - 1)].push_back(e.id);
    c.enterprises.push_back(std::move(e));
  }
  std::vector<int> per_region(static_cast<size_t>(regions) + 1, 0);
  per_region[0] = leaders;
  for (int k = 0; k < district_officials; ++k) ++per_region[1 + static_cast<size_t>(k % regions)];
  int64_t next_id = 1;
  for (size_t r = 0; r < per_region.size(); ++r) {
    const int n = per_region[r];
    const int average = n == 0 ? 0 : static_cast<int>((pool[r].size() + static_cast<size_t>(n) - 1) / static_cast<size_t>(n));
    for (int k = 0; k < n; ++k) {
      Official o;
      o.id = next_id++;
      o.rank = r == 0 ? Rank::kCity : Rank::kDistrict;
      o.region_id = static_cast<int64_t>(r) + 1;
      o.liaison_capacity = average + 1 + below(2);
      for (int x = 0; x < 2 + below(2); ++x) o.industries.push_back(std::to_string(13 + below(30)));
      o.active_from = std::chrono::year{2019} / std::chrono::January / 1;
      if (below(3) == 0 && !pool[r].empty()) o.conflicts.push_back({pool[r][static_cast<size_t>(below(static_cast<int>(pool[r].size())))], "亲属"});
      c.officials.push_back(std::move(o));
    }
  }
  return c;
}

City DemoCity() {
  auto demo = zhitong::directory::GenerateDemoCity();
  return {std::move(demo.enterprises), std::move(demo.officials)};
}

const City& CityFor(int enterprises, int officials) {
  static std::map<std::pair<int, int>, City> cache;
  auto it = cache.find({enterprises, officials});
  if (it == cache.end()) {
    it = cache.emplace(std::pair{enterprises, officials},
                       enterprises == 0 ? DemoCity() : SyntheticCity(enterprises, officials, 20191231)).first;
  }
  return it->second;
}

void Report(benchmark::State& state, const City& city, const zhitong::liaison::Plan& plan) {
  state.counters["enterprises"] = static_cast<double>(city.enterprises.size());
  state.counters["officials"] = static_cast<double>(city.officials.size());
  state.counters["covered"] = static_cast<double>(plan.assignments.size());
  state.counters["moved"] = static_cast<double>(plan.moved.size());
}

// Nobody assigned yet. Args: enterprises, officials (0, 0: the demo city).
void BM_PlanFresh(benchmark::State& state) {
  const City& city = CityFor(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  zhitong::liaison::Plan plan;
  for (auto _ : state) {
    auto p = PlanAssignments(city.enterprises, city.officials, {}, kOn);
    if (!p) {
      state.SkipWithError(p.error().ToString().c_str());
      return;
    }
    plan = std::move(*p);
    benchmark::DoNotOptimize(plan);
  }
  Report(state, city, plan);
}

// Everyone assigned by the fresh plan; then the first district official leaves.
void BM_PlanAfterDeparture(benchmark::State& state) {
  City city = CityFor(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto first = PlanAssignments(city.enterprises, city.officials, {}, kOn);
  if (!first) {
    state.SkipWithError(first.error().ToString().c_str());
    return;
  }
  for (auto& o : city.officials) {
    if (o.rank == Rank::kDistrict) {
      o.active_to = std::chrono::year{2025} / std::chrono::January / 1;
      break;
    }
  }
  const std::vector<Assignment> current = first->assignments;
  zhitong::liaison::Plan plan;
  for (auto _ : state) {
    auto p = PlanAssignments(city.enterprises, city.officials, current, kOn);
    if (!p) {
      state.SkipWithError(p.error().ToString().c_str());
      return;
    }
    plan = std::move(*p);
    benchmark::DoNotOptimize(plan);
  }
  Report(state, city, plan);
}

BENCHMARK(BM_PlanFresh)->Args({0, 0})->Args({2000, 300})->Args({100000, 10000})->Unit(benchmark::kMillisecond)->MinTime(1);
BENCHMARK(BM_PlanAfterDeparture)
    ->Args({0, 0})
    ->Args({2000, 300})
    ->Args({100000, 10000})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1);

}  // namespace

BENCHMARK_MAIN();
