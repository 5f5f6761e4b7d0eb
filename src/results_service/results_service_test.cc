// The results service end to end on both backends: requests changed through the real
// RequestService with the ResultsObserver added; figures read back through ResultsService; the
// kept aggregates recomputed from the raw events; hot issue alerts; who may read what.
#include "results_service/results_service.h"

#include <gtest/gtest.h>

#include <random>

#include "calendar/builtin_calendar.h"
#include "requests_service/service_test_util.h"
#include "results_service/aggregate_store.h"
#include "results_service/observer.h"
#include "results_service/recompute.h"

namespace zhitong::results_service {
namespace {

using requests::Action;
using requests::RatingLevel;
using requests_service::ActInput;
using requests_service::testing::At;
using results::Counter;
using results::UnitKind;

class ResultsServiceTest : public requests_service::testing::ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    HotAlertOptions alerts;
    alerts.threshold = 3;
    observer_ = std::make_unique<ResultsObserver>(alerts);
    service_->AddObserver(*observer_);
    results_ = std::make_unique<ResultsService>(*db_, clock_);
  }
  void TearDown() override {
    ServiceTest::TearDown();
    observer_.reset();
  }

  ActInput Dept(int64_t id) {
    ActInput in;
    in.department_id = id;
    return in;
  }
  ActInput Note(const std::string& note) {
    ActInput in;
    in.note = note;
    return in;
  }
  ActInput Rating(RatingLevel level) {
    ActInput in;
    in.rating = level;
    return in;
  }
  void Must(const Result<requests_service::RequestView>& r) { ASSERT_TRUE(r) << r.error().ToString(); }

  // Submitted by `who`, accepted and routed to department `dept` at `t`.
  int64_t Routed(const access::Actor& who, int64_t dept, Instant t, const std::string& title = "招工难") {
    auto v = SubmitAt(who, Input(title), t);
    Must(Do(dispatcher_, v.stored.id, Action::kAccept, t));
    Must(Do(dispatcher_, v.stored.id, Action::kRoute, t, Dept(dept)));
    return v.stored.id;
  }

  results::Ledger Kept() {
    auto l = db_->ReadValue([](storage::Tx& tx) { return LoadLedger(tx); });
    EXPECT_TRUE(l) << l.error().ToString();
    return l ? *l : results::Ledger{};
  }
  results::Ledger Recomputed() {
    static const calendar::WorkingCalendar cal = *calendar::BuiltInCalendar();
    auto l = db_->ReadValue([](storage::Tx& tx) { return RecomputeFromEvents(tx, cal, 7); });
    EXPECT_TRUE(l) << l.error().ToString();
    return l ? *l : results::Ledger{};
  }

  const UnitFigures* Find(const RatesResult& r, const std::string& id) {
    for (const auto& f : r.items) {
      if (f.id == id) return &f;
    }
    return nullptr;
  }

  std::unique_ptr<ResultsObserver> observer_;
  std::unique_ptr<ResultsService> results_;
};

TEST_P(ResultsServiceTest, RatesPerDepartmentFromChangesMadeThroughTheService) {
  // Department 1 signs on time, replies, and is rated satisfied.
  const int64_t a = Routed(ent1_, 1, At("2025-01-06T10:00:00"));
  Must(Do(hr_, a, Action::kSign, At("2025-01-06T11:00:00")));
  Must(Do(hr_, a, Action::kReply, At("2025-01-07T11:00:00"), Note("已协调")));
  Must(Do(ent1_, a, Action::kRate, At("2025-01-08T11:00:00"), Rating(RatingLevel::kSatisfied)));
  // Department 2 signs two days late, replies, and is rated very dissatisfied.
  const int64_t b = Routed(ent2_, 2, At("2025-01-06T10:00:00"), "融资难");
  Must(Do(gx_, b, Action::kSign, At("2025-01-08T11:00:00")));
  Must(Do(gx_, b, Action::kReply, At("2025-01-09T11:00:00"), Note("已答复")));
  Must(Do(ent2_, b, Action::kRate, At("2025-01-10T11:00:00"), Rating(RatingLevel::kVeryDissatisfied)));

  clock_.Set(At("2025-02-10T10:00:00"));
  auto r = results_->Rates(admin_, {UnitKind::kDepartment, *results::ParsePeriod("2025-01"), std::nullopt});
  ASSERT_TRUE(r) << r.error().ToString();
  const UnitFigures* hr = Find(*r, "1");
  const UnitFigures* gx = Find(*r, "2");
  ASSERT_TRUE(hr && gx);
  EXPECT_EQ(hr->name, "市人社局");
  EXPECT_EQ(hr->rates.response.value, 1.0);
  EXPECT_EQ(hr->rates.resolution.value, 1.0);
  EXPECT_EQ(hr->rates.satisfaction.value, 1.0);
  EXPECT_DOUBLE_EQ(*hr->rates.composite, 100.0);
  EXPECT_EQ(hr->rank, 1);
  EXPECT_EQ(gx->rates.response.value, 0.0);
  EXPECT_EQ(gx->rates.satisfaction.value, 0.0);
  EXPECT_FALSE(gx->rates.resolution.value) << "a bad rating waits for its revisit";
  EXPECT_EQ(gx->rank, 2);
  EXPECT_EQ(r->overall.counts[Counter::kReceived], 2);
  EXPECT_EQ(r->overall.rates.response.value, 0.5);
  EXPECT_EQ(LedgerDifferences(Kept(), Recomputed()), "");

  // The appeal upheld removes the bad rating from department 2's satisfaction.
  Must(Do(gx_, b, Action::kAppeal, At("2025-01-13T10:00:00"), Note("超出职责")));
  ActInput decide;
  decide.upheld = true;
  Must(Do(admin_, b, Action::kDecideAppeal, At("2025-01-14T10:00:00"), decide));
  r = results_->Rates(admin_, {UnitKind::kDepartment, *results::ParsePeriod("2025-01"), std::nullopt});
  ASSERT_TRUE(r);
  gx = Find(*r, "2");
  ASSERT_TRUE(gx);
  EXPECT_FALSE(gx->rates.satisfaction.value);
  EXPECT_EQ(gx->counts[Counter::kAppealsUpheld], 1);
  EXPECT_EQ(gx->rates.resolution.value, 0.0) << "closed without a counted rating";
  EXPECT_EQ(LedgerDifferences(Kept(), Recomputed()), "");
}

TEST_P(ResultsServiceTest, OpenSignPastDueCountsAsMissedUntilSigned) {
  const int64_t a = Routed(ent1_, 1, At("2025-01-06T10:00:00"));
  clock_.Set(At("2025-01-09T10:00:00"));
  auto r = results_->Rates(admin_, {UnitKind::kDepartment, *results::ParsePeriod("2025-01"), std::nullopt});
  ASSERT_TRUE(r);
  const UnitFigures* hr = Find(*r, "1");
  ASSERT_TRUE(hr);
  EXPECT_EQ(hr->open_overdue.signs, 1);
  EXPECT_EQ(hr->rates.response.denominator, 1);
  EXPECT_EQ(hr->rates.response.value, 0.0);
  Must(Do(hr_, a, Action::kSign, At("2025-01-09T11:00:00")));
  r = results_->Rates(admin_, {UnitKind::kDepartment, *results::ParsePeriod("2025-01"), std::nullopt});
  hr = Find(*r, "1");
  ASSERT_TRUE(hr);
  EXPECT_EQ(hr->open_overdue.signs, 0);
  EXPECT_EQ(hr->rates.response.denominator, 1) << "now kept, and still missed";
}

TEST_P(ResultsServiceTest, RankingMovesAgainstThePreviousMonth) {
  // December: department 2 on time, department 1 late. January: the other way round.
  const int64_t d1 = Routed(ent1_, 1, At("2024-12-02T10:00:00"));
  Must(Do(hr_, d1, Action::kSign, At("2024-12-05T10:00:00")));
  const int64_t d2 = Routed(ent2_, 2, At("2024-12-02T10:00:00"), "融资难");
  Must(Do(gx_, d2, Action::kSign, At("2024-12-02T11:00:00")));
  const int64_t j1 = Routed(ent1_, 1, At("2025-01-06T10:00:00"), "用工难");
  Must(Do(hr_, j1, Action::kSign, At("2025-01-06T11:00:00")));
  const int64_t j2 = Routed(ent2_, 2, At("2025-01-06T10:00:00"), "贷款难");
  Must(Do(gx_, j2, Action::kSign, At("2025-01-09T11:00:00")));
  auto r = results_->Rates(admin_, {UnitKind::kDepartment, *results::ParsePeriod("2025-01"), std::nullopt});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].id, "1");
  EXPECT_EQ(r->items[0].rank, 1);
  EXPECT_EQ(r->items[0].previous_rank, 2);
  EXPECT_EQ(r->items[1].previous_rank, 1);

  auto trend = results_->Trend(admin_, UnitKind::kDepartment, "1", 20250131, 3, std::nullopt);
  ASSERT_TRUE(trend) << trend.error().ToString();
  ASSERT_EQ(trend->points.size(), 3u);
  EXPECT_EQ(trend->points[0].month.label, "2024-11");
  EXPECT_FALSE(trend->points[0].rates.response.value);
  EXPECT_EQ(trend->points[1].rates.response.value, 0.0);
  EXPECT_EQ(trend->points[2].rates.response.value, 1.0);
}

TEST_P(ResultsServiceTest, RandomHistoryThroughTheServiceMatchesTheRecompute) {
  std::mt19937 rng(20250301);
  const access::Actor* enterprises[] = {&ent1_, &ent2_, &ent3_};
  const access::Actor* handlers[] = {&hr_, &gx_};
  Instant t = At("2025-01-02T09:00:00");
  std::vector<int64_t> ids;
  for (int i = 0; i < 40; ++i) {
    t += std::chrono::hours(1 + rng() % 20);
    const access::Actor& who = *enterprises[rng() % 3];
    ids.push_back(SubmitAt(who, Input("诉求" + std::to_string(i % 7)), t).stored.id);
    // A random walk of allowed actions on a random earlier request.
    for (int step = 0; step < 4; ++step) {
      const int64_t id = ids[rng() % ids.size()];
      t += std::chrono::minutes(30 + rng() % 3000);
      clock_.Set(t);
      auto view = service_->Get(admin_, id);
      ASSERT_TRUE(view);
      const auto& r = view->stored.request;
      ActInput in;
      in.version = r.version;
      const int64_t dept = 1 + static_cast<int64_t>(rng() % 2);
      const access::Actor& handler = r.handling_department == "2" ? gx_ : hr_;
      const access::Actor& requester = r.enterprise_id == "1" ? ent1_ : r.enterprise_id == "2" ? ent2_ : ent3_;
      const access::Actor* actor = &dispatcher_;
      switch (r.status) {
        case requests::Status::kSubmitted: in.action = Action::kAccept; break;
        case requests::Status::kAccepted: in.action = Action::kRoute; in.department_id = dept; break;
        case requests::Status::kRouted:
          actor = &handler;
          in.action = rng() % 4 == 0 ? Action::kTransfer : Action::kSign;
          if (in.action == Action::kTransfer) {
            in.department_id = r.handling_department == "1" ? 2 : 1;
            in.note = "转办";
          }
          break;
        case requests::Status::kSigned:
          actor = &handler;
          in.action = rng() % 3 == 0 ? Action::kStart : Action::kReply;
          in.note = "答复";
          break;
        case requests::Status::kInProgress:
          actor = &handler;
          in.action = rng() % 3 == 0 ? Action::kRequestInfo : Action::kReply;
          in.note = "答复";
          break;
        case requests::Status::kWaitingRequester: actor = &requester; in.action = Action::kSupplyInfo; break;
        case requests::Status::kReplied:
          if (r.rectification == requests::RectificationState::kPending) {
            actor = &handler;
            in.action = r.appeal == requests::AppealState::kNone && rng() % 2 ? Action::kAppeal : Action::kRectify;
            in.note = "整改";
            if (r.appeal == requests::AppealState::kPending) {
              actor = &admin_;
              in.action = Action::kDecideAppeal;
              in.upheld = rng() % 2 == 0;
            }
          } else if (r.rectification == requests::RectificationState::kRectified) {
            actor = &requester;
            in.action = Action::kRevisit;
            in.rating = requests::All<RatingLevel>()[rng() % 5];
          } else {
            actor = &requester;
            in.action = Action::kRate;
            in.rating = requests::All<RatingLevel>()[rng() % 5];
          }
          break;
        case requests::Status::kClosed: actor = &requester; in.action = Action::kReopen; in.note = "复发"; break;
        default: continue;
      }
      (void)handlers;
      auto done = service_->Act(*actor, id, in);
      ASSERT_TRUE(done) << requests::Name(in.action) << ": " << done.error().ToString();
    }
  }
  const results::Ledger kept = Kept();
  EXPECT_GT(kept.buckets().size(), 50u);
  EXPECT_EQ(LedgerDifferences(kept, Recomputed()), "");
}

TEST_P(ResultsServiceTest, HotIssueAlertWhenThirdEnterpriseRaisesTheSameProblem) {
  auto count = [&](const char* sql) { return Count(sql); };
  SubmitAt(ent1_, Input("工业园区供电线路老化经常跳闸停电", "power"), At("2025-01-06T10:00:00"));
  SubmitAt(ent2_, Input("园区供电线路老化，频繁跳闸停电", "power"), At("2025-01-07T10:00:00"));
  SubmitAt(ent1_, Input("工业园区供电线路老化又跳闸停电", "power"), At("2025-01-07T12:00:00"));
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM results_hot_alerts"), 0) << "two enterprises so far";
  SubmitAt(ent3_, Input("供电线路老化，厂区跳闸停电", "power"), At("2025-01-08T10:00:00"));
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM results_hot_alerts"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM results_hot_alert_members"), 4);
  EXPECT_EQ(count("SELECT requesters AS n FROM results_hot_alerts"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'hot_issue_alert'"), 1);
  // A fourth similar request joins the alert rather than raising another.
  SubmitAt(citizen_, Input("供电线路老化跳闸停电", "power"), At("2025-01-09T10:00:00"));
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM results_hot_alerts"), 1);
  EXPECT_EQ(count("SELECT requesters AS n FROM results_hot_alerts"), 4);
  // Unrelated requests raise nothing.
  SubmitAt(ent2_, Input("招工难，技术工人招不到", "labour"), At("2025-01-09T11:00:00"));
  EXPECT_EQ(count("SELECT COUNT(*) AS n FROM results_hot_alerts"), 1);

  auto alerts = results_->HotAlerts(admin_, 10);
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].category_code, "power");
  EXPECT_EQ((*alerts)[0].threshold, 3);

  clock_.Set(At("2025-02-01T10:00:00"));
  auto hot = results_->HotIssues(admin_, *results::ParsePeriod("2025-01"), 10, 2, std::nullopt);
  ASSERT_TRUE(hot) << hot.error().ToString();
  ASSERT_EQ(hot->items.size(), 1u);
  EXPECT_EQ(hot->items[0].requesters, 4u);
  EXPECT_EQ(hot->items[0].requests, 5u);
  EXPECT_EQ(hot->items[0].category_code, "power");
  EXPECT_EQ(hot->items[0].examples.size(), 3u);
  EXPECT_EQ(hot->items[0].title, "工业园区供电线路老化经常跳闸停电");
}

TEST_P(ResultsServiceTest, WhoMayReadWhat) {
  Routed(ent1_, 1, At("2025-01-06T10:00:00"));
  Routed(ent3_, 2, At("2025-01-06T10:00:00"), "融资难");
  const auto month = *results::ParsePeriod("2025-01");
  for (const access::Actor* who : {&ent1_, &citizen_}) {
    auto r = results_->Rates(*who, {UnitKind::kDepartment, month, std::nullopt});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "results.not_allowed");
    EXPECT_FALSE(results_->HotIssues(*who, month, 10, 2, std::nullopt));
  }
  // A handler sees their own department only, and no other grouping.
  auto own = results_->Rates(hr_, {UnitKind::kDepartment, month, std::nullopt});
  ASSERT_TRUE(own);
  ASSERT_EQ(own->items.size(), 1u);
  EXPECT_EQ(own->items[0].id, "1");
  EXPECT_FALSE(results_->Rates(hr_, {UnitKind::kRegion, month, std::nullopt}));
  // A district leader sees their region (2) and not the other district (3).
  auto regions = results_->Rates(district_leader_, {UnitKind::kRegion, month, std::nullopt});
  ASSERT_TRUE(regions);
  ASSERT_EQ(regions->items.size(), 1u);
  EXPECT_EQ(regions->items[0].id, "2");
  auto all = results_->Rates(city_leader_, {UnitKind::kRegion, month, std::nullopt});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->items.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ResultsServiceTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kPostgres),
                         requests_service::testing::BackendName);

}  // namespace
}  // namespace zhitong::results_service
