// The done-when properties of the liaison issue at the service level, on a real database of
// either backend: the demo city loaded and planned as `zhitong demo` does (100 % coverage, city
// leaders 7 ± 1, district loads within one per region, no conflict pair, a departure moves only
// the leaver's enterprises), and random cities written through the directory service (no
// conflict pair ever, one liaison per enterprise, capacities kept, departures move only theirs).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "directory/demo_city.h"
#include "directory_service/demo_loader.h"
#include "directory_service/service_test_util.h"
#include "liaison_service/liaison_service.h"

namespace zhitong::liaison_service {
namespace {

using directory_service::testing::DialectTestName;
using directory_service::testing::DirectoryTest;
using directory_service::testing::TestUscc;
namespace d = directory;

class LiaisonPropertiesTest : public DirectoryTest {
 protected:
  void SetUp() override {
    DirectoryTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    liaison_ = std::make_unique<LiaisonService>(*db_, clock_);
  }
  void TearDown() override {
    liaison_.reset();
    DirectoryTest::TearDown();
  }

  struct State {
    std::map<int64_t, int64_t> liaison_of;                      // enterprise → official (active)
    std::map<int64_t, int64_t> load;                            // official → active assignments
    std::map<int64_t, std::pair<int64_t, bool>> officials;      // id → (capacity, city rank)
    std::map<int64_t, int64_t> official_region;
    int64_t conflict_pairs = 0;                                 // active assignments that are declared conflicts
    int64_t above_scale = 0;
  };

  // The database as it stands, read with SQL of its own (not through the service).
  State Read() {
    State s;
    auto st = db_->Read([&](storage::Tx& tx) -> Result<void> {
      ZT_ASSIGN_OR_RETURN(auto active, tx.Query(storage::Sql{"SELECT enterprise_id, official_id FROM "
                                                             "liaison_assignments WHERE ended_at IS NULL"}));
      for (auto row : active) {
        EXPECT_TRUE(s.liaison_of.emplace(row.i64("enterprise_id"), row.i64("official_id")).second)
            << "two active liaisons for enterprise " << row.i64("enterprise_id");
        ++s.load[row.i64("official_id")];
      }
      ZT_ASSIGN_OR_RETURN(auto officials,
                          tx.Query(storage::Sql{"SELECT id, liaison_capacity, rank, region_id FROM officials"}));
      for (auto row : officials) {
        s.officials[row.i64("id")] = {row.i64("liaison_capacity"), row.text("rank") == "city"};
        s.official_region[row.i64("id")] = row.i64("region_id");
      }
      ZT_ASSIGN_OR_RETURN(auto conflicts,
                          tx.Query(storage::Sql{"SELECT COUNT(*) AS n FROM liaison_assignments a JOIN official_conflicts c "
                                                "ON c.official_id = a.official_id AND c.enterprise_id = a.enterprise_id "
                                                "WHERE a.ended_at IS NULL"}));
      s.conflict_pairs = conflicts[0].i64("n");
      ZT_ASSIGN_OR_RETURN(auto above, tx.Query(storage::Sql{"SELECT COUNT(*) AS n FROM enterprises WHERE above_scale = 1"}));
      s.above_scale = above[0].i64("n");
      return Ok();
    });
    EXPECT_TRUE(st) << st.error().ToString();
    return s;
  }

  void EndTerm(int64_t official_id) {
    auto o = service_->GetOfficial(admin_, official_id);
    ASSERT_TRUE(o);
    auto updated = service_->UpdateOfficial(admin_, official_id, o->version, [&](d::Official& x) -> Result<void> {
      x.active_to = d::Date{std::chrono::sys_days(ShanghaiDate(clock_.Now())) - std::chrono::days(1)};
      return Ok();
    });
    ASSERT_TRUE(updated) << updated.error().ToString();
  }

  // Ends one official's term, applies again, and checks that only that official's enterprises
  // changed liaison (the others keep theirs).
  void ExpectDepartureMovesOnlyTheirs(int64_t leaving) {
    const State before = Read();
    ASSERT_GT(before.load.count(leaving) ? before.load.at(leaving) : 0, 0);
    EndTerm(leaving);
    auto outcome = liaison_->Apply(admin_, std::nullopt);
    ASSERT_TRUE(outcome) << outcome.error().ToString();
    const State after = Read();
    EXPECT_EQ(after.load.count(leaving), 0u);
    int64_t moved = 0;
    for (const auto& [enterprise, official] : before.liaison_of) {
      if (official == leaving) {
        ++moved;
        continue;
      }
      ASSERT_TRUE(after.liaison_of.count(enterprise));
      EXPECT_EQ(after.liaison_of.at(enterprise), official) << "enterprise " << enterprise << " moved needlessly";
    }
    EXPECT_EQ(static_cast<int64_t>(outcome->report.plan.moved.size() + outcome->report.plan.ended.size()), moved);
    EXPECT_TRUE(outcome->report.plan.added.empty());
  }

  // A random city of 3 districts written through the directory service: capacities `slack` times
  // what each pool needs (below 1: some enterprises stay uncovered), random expertise, random
  // declared conflicts, some officials out of office.
  void WriteRandomCity(uint64_t seed, double slack) {
    auto& dir = *service_;
    const access::Actor& admin = admin_;
    std::mt19937_64 rng(seed);
    auto between = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<uint64_t>(hi - lo + 1)); };
    auto city = dir.CreateRegion(admin, {0, "370300", "淄博市", "Zibo", d::RegionKind::kCity, {}});
    ASSERT_TRUE(city) << city.error().ToString();
    std::vector<int64_t> districts;
    for (const char* code : {"370302", "370303", "370304"}) {
      auto r = dir.CreateRegion(admin, {0, code, std::string("区") + code, "", d::RegionKind::kDistrict, city->value.id});
      ASSERT_TRUE(r) << r.error().ToString();
      districts.push_back(r->value.id);
    }
    const char* industries[] = {"26", "30", "34", "38"};
    std::map<int64_t, std::vector<int64_t>> pool;  // region (city for key) → enterprise ids
    const int n = between(30, 50);
    for (int i = 1; i <= n; ++i) {
      d::Enterprise e = MakeEnterprise(i);
      e.uscc = TestUscc(static_cast<int>(seed) * 1000 + i);
      e.region_id = districts[static_cast<size_t>(between(0, 2))];
      e.industry_code = industries[between(0, 3)];
      e.above_scale = between(0, 9) != 0;
      e.is_key = between(0, 6) == 0;
      auto made = dir.CreateEnterprise(admin, e);
      ASSERT_TRUE(made) << made.error().ToString();
      if (e.above_scale) pool[e.is_key ? city->value.id : e.region_id].push_back(made->enterprise.id);
    }
    std::vector<int64_t> regions = districts;
    regions.insert(regions.begin(), city->value.id);
    for (int64_t region : regions) {
      const int officials = between(2, 4);
      const int average = static_cast<int>(slack * static_cast<double>(pool[region].size()) / officials) + 1;
      for (int k = 0; k < officials; ++k) {
        d::Official o;
        o.name = "干部" + std::to_string(k);
        o.rank = region == city->value.id ? d::Rank::kCity : d::Rank::kDistrict;
        o.region_id = region;
        o.liaison_capacity = between(std::max(0, average - 2), average + 2);
        for (const char* ind : industries) {
          if (between(0, 2) == 0) o.industries.push_back(ind);
        }
        o.active_from = std::chrono::year{2019} / std::chrono::January / 1;
        if (between(0, 9) == 0) o.active_to = std::chrono::year{2022} / std::chrono::December / 31;
        for (int64_t e : pool[region]) {
          if (between(0, 5) == 0) o.conflicts.push_back({e, "亲属任职"});
        }
        auto made = dir.CreateOfficial(admin, o);
        ASSERT_TRUE(made) << made.error().ToString();
      }
    }
  }

  std::unique_ptr<LiaisonService> liaison_;
};

TEST_P(LiaisonPropertiesTest, DemoCityIsFullyCoveredBalancedAndStable) {
  // Loaded as `zhitong demo` loads it: the first plan in the same transaction.
  auto loaded = directory_service::LoadDemoCity(*db_, clock_, admin_, [&](storage::Tx& tx) -> Result<void> {
    return ApplyPlanInTx(tx, admin_, clock_.Now(), std::nullopt).map([](const ApplyOutcome&) {});
  });
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  const State s = Read();
  EXPECT_EQ(s.above_scale, d::kDemoEnterprises);
  EXPECT_EQ(static_cast<int64_t>(s.liaison_of.size()), s.above_scale) << "100 % coverage";
  EXPECT_EQ(s.conflict_pairs, 0);
  std::map<int64_t, std::pair<int64_t, int64_t>> district_range;  // region → (min, max) load
  int city_leaders = 0;
  for (const auto& [id, info] : s.officials) {
    const int64_t load = s.load.count(id) ? s.load.at(id) : 0;
    EXPECT_LE(load, info.first) << "official " << id << " over capacity";
    if (info.second) {
      ++city_leaders;
      EXPECT_GE(load, 6) << "city leader " << id;
      EXPECT_LE(load, 8) << "city leader " << id;
    } else {
      auto [it, fresh] = district_range.try_emplace(s.official_region.at(id), load, load);
      it->second.first = std::min(it->second.first, load);
      it->second.second = std::max(it->second.second, load);
    }
  }
  EXPECT_EQ(city_leaders, d::kDemoCityLeaders);
  EXPECT_FALSE(district_range.empty());
  for (const auto& [region, range] : district_range) {
    EXPECT_LE(range.second - range.first, 1) << "region " << region;
  }
  auto coverage = liaison_->Coverage(admin_, {});
  ASSERT_TRUE(coverage) << coverage.error().ToString();
  EXPECT_DOUBLE_EQ(coverage->total.coverage(), 1.0);

  auto again = liaison_->Plan(admin_);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->plan.changes_nothing()) << "re-running changes nothing";

  // A district official leaves: only their enterprises move.
  int64_t leaving = 0;
  for (const auto& [id, info] : s.officials) {
    if (!info.second && s.load.count(id)) {
      leaving = id;
      break;
    }
  }
  ASSERT_GT(leaving, 0);
  ExpectDepartureMovesOnlyTheirs(leaving);
  EXPECT_EQ(static_cast<int64_t>(Read().liaison_of.size()), s.above_scale) << "still 100 % coverage";
}

TEST_P(LiaisonPropertiesTest, RandomCitiesNeverPairAConflictAndDeparturesMoveOnlyTheirs) {
  // Each seed on its own schema or file: a fresh database per city.
  for (uint64_t seed : {11u, 12u, 13u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    if (seed != 11u) {
      TearDown();
      SetUp();
    }
    const double slack = seed == 12u ? 0.7 : 3.0;
    WriteRandomCity(seed, slack);
    ASSERT_FALSE(HasFatalFailure());
    auto plan = liaison_->Plan(admin_);
    ASSERT_TRUE(plan) << plan.error().ToString();
    auto applied = liaison_->Apply(admin_, plan->digest);
    ASSERT_TRUE(applied) << applied.error().ToString();
    const State s = Read();
    EXPECT_EQ(s.conflict_pairs, 0);
    EXPECT_EQ(s.liaison_of.size(), plan->plan.assignments.size());
    EXPECT_EQ(static_cast<int64_t>(s.liaison_of.size() + plan->plan.uncovered.size()), s.above_scale);
    for (const auto& [official, load] : s.load) EXPECT_LE(load, s.officials.at(official).first);
    if (slack < 1) {
      EXPECT_FALSE(plan->plan.uncovered.empty()) << "short of capacity, and reported";
      continue;
    }
    EXPECT_TRUE(plan->plan.uncovered.empty() ||
                std::none_of(plan->plan.uncovered.begin(), plan->plan.uncovered.end(), [](const liaison::Uncovered& u) {
                  return u.reason == liaison::UncoveredReason::kNoCapacity;
                }));
    auto busiest = std::max_element(s.load.begin(), s.load.end(),
                                    [](const auto& a, const auto& b) { return a.second < b.second; });
    ASSERT_NE(busiest, s.load.end());
    ExpectDepartureMovesOnlyTheirs(busiest->first);
    EXPECT_EQ(Read().conflict_pairs, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, LiaisonPropertiesTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kPostgres), DialectTestName);

}  // namespace
}  // namespace zhitong::liaison_service
