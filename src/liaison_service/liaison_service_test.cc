// The liaison service on a real database, both backends: plans and their digests, applying with
// history and audit, the database's own guards, scoped reads, and history questions.
#include "liaison_service/liaison_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "directory_service/service_test_util.h"
#include "liaison_service/plan_digest.h"

namespace zhitong::liaison_service {
namespace {

using directory_service::testing::DialectTestName;
using directory_service::testing::DirectoryTest;
using directory_service::testing::MakeActor;
using access::Role;
using std::chrono::days;
namespace d = directory;

constexpr d::Date kOfficeStart = std::chrono::year{2019} / std::chrono::January / 1;

class LiaisonTest : public DirectoryTest {
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

  int64_t AddOfficial(const std::string& name, d::Rank rank, int64_t region, int capacity,
                      std::vector<d::Conflict> conflicts = {}) {
    d::Official o;
    o.name = name;
    o.rank = rank;
    o.region_id = region;
    o.title = rank == d::Rank::kCity ? "副市长" : "副区长";
    o.liaison_capacity = capacity;
    o.industries = {"26"};
    o.conflicts = std::move(conflicts);
    o.active_from = kOfficeStart;
    auto made = service_->CreateOfficial(admin_, o);
    EXPECT_TRUE(made) << made.error().ToString();
    return made ? made->value.id : 0;
  }

  // Ends the official's term the day before today.
  void Deactivate(int64_t official_id) {
    auto o = service_->GetOfficial(admin_, official_id);
    ASSERT_TRUE(o);
    const d::Date yesterday{std::chrono::sys_days(ShanghaiDate(clock_.Now())) - days(1)};
    auto updated = service_->UpdateOfficial(admin_, official_id, o->version, [&](d::Official& x) -> Result<void> {
      x.active_to = yesterday;
      return Ok();
    });
    ASSERT_TRUE(updated) << updated.error().ToString();
  }

  // Active assignments as enterprise → official, read straight from the table.
  std::map<int64_t, int64_t> Active() {
    std::map<int64_t, int64_t> out;
    auto st = db_->Read([&](storage::Tx& tx) -> Result<void> {
      ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql{"SELECT enterprise_id, official_id FROM "
                                                           "liaison_assignments WHERE ended_at IS NULL"}));
      for (auto row : rows) {
        EXPECT_TRUE(out.emplace(row.i64("enterprise_id"), row.i64("official_id")).second);
      }
      return Ok();
    });
    EXPECT_TRUE(st) << st.error().ToString();
    return out;
  }

  Result<int64_t> InsertAssignment(int64_t official_id, int64_t enterprise_id) {
    return db_->WriteValue([&](storage::Tx& tx) {
      return tx.Exec(storage::Sql{"INSERT INTO liaison_assignments (official_id, enterprise_id, started_at, reason, "
                                  "created_at) VALUES (?, ?, 0, 'test', 0)"},
                     official_id, enterprise_id);
    });
  }

  // SeedCity(n) plus one city leader and two district officials per district, capacity enough.
  void SeedStaffedCity(int enterprises) {
    SeedCity(enterprises);
    mayor_ = AddOfficial("市长", d::Rank::kCity, city_id_, enterprises);
    zd_a_ = AddOfficial("张一", d::Rank::kDistrict, zhangdian_, enterprises);
    zd_b_ = AddOfficial("张二", d::Rank::kDistrict, zhangdian_, enterprises);
    zc_a_ = AddOfficial("淄一", d::Rank::kDistrict, zichuan_, enterprises);
  }

  access::Actor Liaison(int64_t official_id) {
    access::Actor a = MakeActor(Role::kLiaison, 50);
    a.official_id = official_id;
    return a;
  }

  // A visit registered straight in the contact register, `days_ago` days before now.
  void Visit(int64_t enterprise, int64_t region, int64_t days_ago) {
    const int64_t now = ToUnixMillis(clock_.Now());
    auto st = db_->WriteValue([&](storage::Tx& tx) {
      return tx.Exec(storage::Sql{"INSERT INTO contacts (enterprise_id, region_id, kind, purpose, contacted_at, "
                                  "registered_by, registered_at) VALUES (?, ?, 'visit', '走访了解用工需求', ?, 1, ?)"},
                     enterprise, region, now - days_ago * 86'400'000, now);
    });
    ASSERT_TRUE(st) << st.error().ToString();
  }

  std::unique_ptr<LiaisonService> liaison_;
  int64_t mayor_ = 0, zd_a_ = 0, zd_b_ = 0, zc_a_ = 0;
};

TEST_P(LiaisonTest, PlanWritesNothingAndHasAStableDigest) {
  SeedStaffedCity(10);
  auto first = liaison_->Plan(admin_);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->enterprises, 10);
  EXPECT_EQ(first->plan.added.size(), 10u);
  EXPECT_TRUE(first->plan.uncovered.empty());
  EXPECT_EQ(first->digest, PlanDigest(first->plan));
  EXPECT_EQ(first->digest.size(), 64u);
  EXPECT_TRUE(Active().empty());
  auto second = liaison_->Plan(admin_);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->digest, first->digest);
}

TEST_P(LiaisonTest, ApplyStartsAssignmentsRecordsThePlanAndAudits) {
  SeedStaffedCity(10);
  auto plan = liaison_->Plan(admin_);
  ASSERT_TRUE(plan);
  auto applied = liaison_->Apply(admin_, plan->digest);
  ASSERT_TRUE(applied) << applied.error().ToString();
  EXPECT_TRUE(applied->changed);
  EXPECT_GT(applied->plan_id, 0);
  auto active = Active();
  ASSERT_EQ(active.size(), 10u);
  for (const auto& a : plan->plan.added) EXPECT_EQ(active[a.enterprise_id], a.official_id);
  auto st = db_->Read([&](storage::Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(auto plans, tx.Query(storage::Sql{"SELECT digest, added, kept FROM liaison_plans"}));
    EXPECT_EQ(plans.size(), 1u);
    EXPECT_EQ(plans[0].text("digest"), plan->digest);
    EXPECT_EQ(plans[0].i64("added"), 10);
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql{"SELECT COUNT(*) AS n FROM liaison_assignments "
                                                         "WHERE plan_id = ? AND reason = 'added'"},
                                            applied->plan_id));
    EXPECT_EQ(rows[0].i64("n"), 10);
    ZT_ASSIGN_OR_RETURN(auto audit, tx.Query(storage::Sql{"SELECT action, entity_id FROM audit_log "
                                                          "WHERE entity = 'liaison_plan'"}));
    EXPECT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].text("action"), "apply");
    EXPECT_EQ(audit[0].text("entity_id"), std::to_string(applied->plan_id));
    return Ok();
  });
  ASSERT_TRUE(st) << st.error().ToString();
  // Again: nothing to change, nothing written.
  auto again = liaison_->Apply(admin_, std::nullopt);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->changed);
  EXPECT_EQ(again->report.plan.kept.size(), 10u);
}

TEST_P(LiaisonTest, ApplyRefusesAPlanWhoseInputsChanged) {
  SeedStaffedCity(6);
  auto plan = liaison_->Plan(admin_);
  ASSERT_TRUE(plan);
  ASSERT_TRUE(service_->CreateEnterprise(admin_, MakeEnterprise(7)));
  auto stale = liaison_->Apply(admin_, plan->digest);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(stale.error().code, "liaison.plan_changed");
  EXPECT_TRUE(Active().empty()) << "nothing written";
  auto fresh = liaison_->Plan(admin_);
  ASSERT_TRUE(fresh);
  EXPECT_NE(fresh->digest, plan->digest);
  auto applied = liaison_->Apply(admin_, fresh->digest);
  ASSERT_TRUE(applied) << applied.error().ToString();
  EXPECT_EQ(Active().size(), 7u);
}

TEST_P(LiaisonTest, OnlyAnAdminPlansOrApplies) {
  SeedStaffedCity(2);
  access::Actor leader = MakeActor(Role::kLeader, 7);
  leader.official_id = mayor_;
  EXPECT_EQ(liaison_->Plan(leader).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(liaison_->Apply(leader, std::nullopt).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(liaison_->Apply(Liaison(zd_a_), std::nullopt).error().kind, ErrorKind::kForbidden);
  access::Actor read_only_admin = admin_;
  read_only_admin.scopes = {"read"};
  EXPECT_EQ(liaison_->Apply(read_only_admin, std::nullopt).error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(Active().empty());
}

TEST_P(LiaisonTest, TheDatabaseHoldsOneActiveLiaisonPerEnterprise) {
  SeedStaffedCity(2);  // enterprise 1 is in 张店区
  ASSERT_TRUE(InsertAssignment(zd_a_, 1));
  auto second = InsertAssignment(zd_b_, 1);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, ErrorKind::kConflict);
  // Ending the first makes room for the next one.
  ASSERT_TRUE(db_->WriteValue([&](storage::Tx& tx) {
    return tx.Exec(storage::Sql{"UPDATE liaison_assignments SET ended_at = 1 WHERE enterprise_id = 1"});
  }));
  EXPECT_TRUE(InsertAssignment(zd_b_, 1));
}

TEST_P(LiaisonTest, TheDatabaseRefusesAConflictOfInterestPair) {
  SeedCity(2);
  const int64_t official = AddOfficial("张三", d::Rank::kDistrict, zhangdian_, 5, {{1, "亲属任职"}});
  auto refused = InsertAssignment(official, 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kInvalid);
  EXPECT_NE(refused.error().message.find("conflict"), std::string::npos) << refused.error().ToString();
}

TEST_P(LiaisonTest, HistoryAnswersWhoServedAnEnterpriseInAPastMonth) {
  SeedStaffedCity(4);  // 1, 3 in 张店区 (5th would be key); 2, 4 in 淄川区
  clock_.Set(ShanghaiMidnight(std::chrono::year{2025} / std::chrono::February / 20) + std::chrono::hours(10));
  ASSERT_TRUE(liaison_->Apply(admin_, std::nullopt));
  const int64_t first = Active().at(1);
  // Mid-April the first liaison leaves; the plan of 15 April moves the enterprise.
  clock_.Set(ShanghaiMidnight(std::chrono::year{2025} / std::chrono::April / 15) + std::chrono::hours(9));
  Deactivate(first);
  auto moved = liaison_->Apply(admin_, std::nullopt);
  ASSERT_TRUE(moved) << moved.error().ToString();
  const int64_t second = Active().at(1);
  EXPECT_NE(second, first);
  for (const auto& m : moved->report.plan.moved) {
    EXPECT_EQ(m.from_official_id, first);
    EXPECT_EQ(m.reason, liaison::EndReason::kOfficialInactive);
  }

  auto march = liaison_->ServedBetween(admin_, 1, std::chrono::year{2025} / std::chrono::March / 1,
                                       std::chrono::year{2025} / std::chrono::March / 31);
  ASSERT_TRUE(march) << march.error().ToString();
  ASSERT_EQ(march->size(), 1u);
  EXPECT_EQ((*march)[0].official_id, first);
  EXPECT_EQ((*march)[0].end_reason, "official_inactive");
  auto april = liaison_->ServedBetween(admin_, 1, std::chrono::year{2025} / std::chrono::April / 1,
                                       std::chrono::year{2025} / std::chrono::April / 30);
  ASSERT_TRUE(april);
  ASSERT_EQ(april->size(), 2u);
  EXPECT_EQ((*april)[0].official_id, first);
  EXPECT_EQ((*april)[1].official_id, second);
  EXPECT_FALSE((*april)[1].ended_at.has_value());
  auto january = liaison_->ServedBetween(admin_, 1, std::chrono::year{2025} / std::chrono::January / 1,
                                         std::chrono::year{2025} / std::chrono::January / 31);
  ASSERT_TRUE(january);
  EXPECT_TRUE(january->empty()) << "nobody served it before the first plan";

  AssignmentFilter at;
  at.enterprise_id = 1;
  at.from = at.to = std::chrono::year{2025} / std::chrono::May / 1;
  auto may = liaison_->ListAssignments(admin_, at);
  ASSERT_TRUE(may);
  ASSERT_EQ(may->items.size(), 1u);
  EXPECT_EQ(may->items[0].official_id, second);
}

TEST_P(LiaisonTest, ReadsAreScopedByRole) {
  SeedStaffedCity(10);
  ASSERT_TRUE(liaison_->Apply(admin_, std::nullopt));
  const auto active = Active();
  auto count = [&](const access::Actor& a) -> int64_t {
    auto page = liaison_->ListAssignments(a, {});
    EXPECT_TRUE(page) << page.error().ToString();
    return page ? page->total : -1;
  };
  EXPECT_EQ(count(admin_), 10);
  EXPECT_EQ(count(MakeActor(Role::kDispatcher)), 10);
  int64_t of_zd_a = 0, in_zhangdian = 0;
  for (const auto& [e, o] : active) of_zd_a += o == zd_a_;
  for (int i = 1; i <= 10; ++i) in_zhangdian += i % 2;
  EXPECT_GT(of_zd_a, 0);
  EXPECT_EQ(count(Liaison(zd_a_)), of_zd_a);
  access::Actor district = MakeActor(Role::kLeader, 8);
  district.region_id = zhangdian_;
  EXPECT_EQ(count(district), in_zhangdian);
  access::Actor enterprise = MakeActor(Role::kEnterprise, 9);
  enterprise.enterprise_id = 3;
  auto own = liaison_->ListAssignments(enterprise, {});
  ASSERT_TRUE(own);
  ASSERT_EQ(own->items.size(), 1u);
  EXPECT_EQ(own->items[0].enterprise_id, 3);
  EXPECT_EQ(liaison_->ListAssignments(MakeActor(Role::kHandler), {}).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(liaison_->ListAssignments(MakeActor(Role::kPublic), {}).error().kind, ErrorKind::kForbidden);

  // "My enterprises": a liaison sees their own, contacts shown; not another official's.
  auto mine = liaison_->EnterprisesOf(Liaison(zd_a_), zd_a_);
  ASSERT_TRUE(mine) << mine.error().ToString();
  EXPECT_EQ(static_cast<int64_t>(mine->size()), of_zd_a);
  for (const auto& s : *mine) {
    EXPECT_EQ(active.at(s.id), zd_a_);
    EXPECT_FALSE(s.contact_masked);
    EXPECT_EQ(s.contact_phone, "13900000001");
  }
  EXPECT_EQ(liaison_->EnterprisesOf(Liaison(zd_a_), zd_b_).error().kind, ErrorKind::kNotFound);
  access::Actor mayor = MakeActor(Role::kLeader, 7);
  mayor.official_id = mayor_;
  auto seen_by_leader = liaison_->EnterprisesOf(mayor, zd_a_);
  ASSERT_TRUE(seen_by_leader);
  ASSERT_FALSE(seen_by_leader->empty());
  EXPECT_TRUE((*seen_by_leader)[0].contact_masked);
  EXPECT_EQ((*seen_by_leader)[0].contact_phone, "139****0001");
  district.region_id = zichuan_;
  EXPECT_EQ(liaison_->EnterprisesOf(district, zd_a_).error().kind, ErrorKind::kNotFound);
}

TEST_P(LiaisonTest, CoverageCountsByRegionKindAndOfficialLoad) {
  SeedCity(10);  // key: 5 and 10; 张店区 odd ids, 淄川区 even ids
  AddOfficial("市长", d::Rank::kCity, city_id_, 1);  // room for one of the two key enterprises
  const int64_t zd = AddOfficial("张一", d::Rank::kDistrict, zhangdian_, 10);
  AddOfficial("淄一", d::Rank::kDistrict, zichuan_, 2);  // room for 2 of 4
  ASSERT_TRUE(liaison_->Apply(admin_, std::nullopt));
  auto report = liaison_->Coverage(admin_, {});
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->total.enterprises, 10);
  EXPECT_EQ(report->total.covered, 1 + 4 + 2);  // key 1 of 2, 张店区 4 of 4 non-key, 淄川区 2 of 4
  ASSERT_EQ(report->by_kind.size(), 2u);
  EXPECT_EQ(report->by_kind[0].key, "key");
  EXPECT_EQ(report->by_kind[0].covered, 1);
  EXPECT_EQ(report->by_kind[0].enterprises, 2);
  std::map<std::string, CoverageGroup> regions;
  for (const auto& g : report->by_region) regions[g.name] = g;
  EXPECT_EQ(regions["张店区"].enterprises, 5);
  EXPECT_EQ(regions["淄川区"].enterprises, 5);
  EXPECT_EQ(regions["张店区"].covered + regions["淄川区"].covered, 7);
  bool listed = false;
  for (const auto& o : report->officials) {
    if (o.official_id == zd) {
      listed = true;
      EXPECT_EQ(o.load, 4);
      EXPECT_EQ(o.state, LoadState::kUnder);
    } else {
      EXPECT_EQ(o.state, LoadState::kFull) << o.name;
    }
  }
  EXPECT_TRUE(listed);
  // Nobody contacted yet: every enterprise counts as never contacted.
  EXPECT_TRUE(report->contacts_recorded);
  EXPECT_EQ(report->not_contacted.size(), 10u);
  // Enterprise 1 visited 10 days ago, enterprise 2 200 days ago: with 90 days, 2 is still listed.
  Visit(1, zhangdian_, 10);
  Visit(2, zichuan_, 200);
  auto later = liaison_->Coverage(admin_, {});
  ASSERT_TRUE(later);
  EXPECT_EQ(later->not_contacted.size(), 9u);
  for (const auto& n : later->not_contacted) {
    EXPECT_NE(n.enterprise_id, 1);
    if (n.enterprise_id == 2) {
      ASSERT_TRUE(n.last_contact_at.has_value());
      EXPECT_EQ(DaysBetween(*n.last_contact_at, later->generated_at), 200);
    }
  }
  // A district leader sees their region only, and not another's.
  access::Actor district = MakeActor(Role::kLeader, 8);
  district.region_id = zichuan_;
  auto own = liaison_->Coverage(district, {});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->total.enterprises, 5);
  CoverageOptions other;
  other.region_id = zhangdian_;
  EXPECT_EQ(liaison_->Coverage(district, other).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(liaison_->Coverage(MakeActor(Role::kHandler, 9), {}).error().kind, ErrorKind::kForbidden);
  CoverageOptions bad;
  bad.stale_days = 0;
  EXPECT_EQ(liaison_->Coverage(admin_, bad).error().kind, ErrorKind::kInvalid);
}

TEST_P(LiaisonTest, ALiaisonsCoverageIsTheirOwnEnterprisesAndTheirGaps) {
  SeedStaffedCity(10);  // 张店区 (odd ids) has two district officials: its enterprises are shared
  ASSERT_TRUE(liaison_->Apply(admin_, std::nullopt));
  std::set<int64_t> mine, others_in_zhangdian;
  for (auto [enterprise, official] : Active()) {
    if (official == zd_a_) mine.insert(enterprise);
    if (official == zd_b_) others_in_zhangdian.insert(enterprise);
  }
  ASSERT_GE(mine.size(), 2u);
  ASSERT_FALSE(others_in_zhangdian.empty());
  // One of mine visited 5 days ago, another 120 days ago; one of zd_b_'s never: not in my report.
  const int64_t fresh = *mine.begin(), stale = *std::next(mine.begin());
  Visit(fresh, zhangdian_, 5);
  Visit(stale, zhangdian_, 120);

  auto report = liaison_->Coverage(Liaison(zd_a_), {});
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->total.enterprises, static_cast<int64_t>(mine.size()));
  EXPECT_EQ(report->total.covered, static_cast<int64_t>(mine.size()));
  ASSERT_EQ(report->officials.size(), 1u);
  EXPECT_EQ(report->officials[0].official_id, zd_a_);
  EXPECT_EQ(report->officials[0].load, static_cast<int64_t>(mine.size()));
  std::set<int64_t> gaps;
  for (const auto& n : report->not_contacted) {
    gaps.insert(n.enterprise_id);
    EXPECT_EQ(n.liaison_official_id, zd_a_);
    EXPECT_EQ(n.enterprise_id == stale, n.last_contact_at.has_value());
  }
  std::set<int64_t> expected = mine;
  expected.erase(fresh);
  EXPECT_EQ(gaps, expected);
  // The same 90-day rule as everyone's: with 150 days the old visit is recent enough.
  CoverageOptions longer;
  longer.stale_days = 150;
  auto wider = liaison_->Coverage(Liaison(zd_a_), longer);
  ASSERT_TRUE(wider);
  EXPECT_EQ(wider->not_contacted.size(), mine.size() - 2);
  // Narrowing to another region leaves nothing: it never widens to another liaison's enterprises.
  CoverageOptions elsewhere;
  elsewhere.region_id = zichuan_;
  auto none = liaison_->Coverage(Liaison(zd_a_), elsewhere);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->total.enterprises, 0);
  EXPECT_TRUE(none->not_contacted.empty());
  // A liaison user not linked to an official has no coverage of their own.
  EXPECT_EQ(liaison_->Coverage(MakeActor(Role::kLiaison, 51), {}).error().kind, ErrorKind::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, LiaisonTest, ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kPostgres),
                         DialectTestName);

}  // namespace
}  // namespace zhitong::liaison_service
