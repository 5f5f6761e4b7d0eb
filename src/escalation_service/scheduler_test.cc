// The scheduler on both backends, on a manual clock: nothing escalates early; every rung reached
// escalates once, as a hash-chained event with its notification; a restart (a new scheduler on the
// same database) repeats nothing; two servers racing on one database take each rung once; a new
// round of handling starts a new ladder; unrated replies close automatically, on working days.
#include "escalation_service/scheduler.h"

#include <gtest/gtest.h>

#include <thread>

#include "notify_service/outbox.h"
#include "requests_service/service_test_util.h"

namespace zhitong::escalation_service {
namespace {

using requests::Action;
using requests::Status;
using requests_service::ActInput;
using requests_service::testing::At;
using requests_service::testing::BackendName;
using requests_service::testing::ServiceTest;

class SchedulerTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service_->AddObserver(recorder_);
    service_->AddObserver(outbox_);
  }
  SchedulerOptions Options() {
    return {*escalation::ParseLadder(escalation::kDefaultLadder), {5, true}, 2};
  }
  RunStats Run(Instant now) {
    clock_.Set(now);
    Scheduler s(*db_, *service_, clock_, Options());
    auto st = s.RunOnce();
    EXPECT_TRUE(st) << st.error().ToString();
    return st ? *st : RunStats{};
  }
  int64_t Escalations(int64_t id) {
    return Count("SELECT COUNT(*) AS n FROM request_events WHERE action = 'escalate' AND request_id = " +
                 std::to_string(id));
  }
  std::vector<std::string> Levels(int64_t id) {
    auto t = service_->Events(admin_, id);
    EXPECT_TRUE(t);
    std::vector<std::string> out;
    for (const auto& e : t->events) {
      if (e.type == Action::kEscalate) out.push_back(e.Get("due") + "/" + e.Get("level"));
    }
    return out;
  }

  EscalationRecorder recorder_;
  notify_service::OutboxObserver outbox_;
};

TEST_P(SchedulerTest, NothingEarlyEachReachedRungOnceAndNotAfterARestart) {
  // Friday 24 January 2025 10:00: accept is due Sunday 26th 10:00 (a make-up workday).
  const auto v = SubmitAt(ent1_, Input("春节前招工难"), At("2025-01-24T10:00:00"));
  const int64_t id = v.stored.id;
  EXPECT_EQ(Run(At("2025-01-25T10:00:00")).escalations, 0);  // Saturday: 10 working hours left
  EXPECT_EQ(Run(At("2025-01-26T05:59:00")).escalations, 0);
  EXPECT_EQ(Escalations(id), 0);
  EXPECT_EQ(Run(At("2025-01-26T06:00:00")).escalations, 1);  // 4 working hours left: the dispatchers
  EXPECT_EQ(Levels(id), std::vector<std::string>{"accept/handler"});
  EXPECT_EQ(Run(At("2025-01-26T09:59:00")).escalations, 0);
  EXPECT_EQ(Run(At("2025-01-26T10:00:00")).escalations, 1);
  // Two working days past the due time, the server was down: both missing rungs at once, in order.
  EXPECT_EQ(Run(At("2025-02-05T10:00:00")).escalations, 2);
  EXPECT_EQ(Levels(id), (std::vector<std::string>{"accept/handler", "accept/department_head", "accept/liaison",
                                                  "accept/district_leader"}));
  // Restart: a new scheduler on the same database finds every step taken.
  EXPECT_EQ(Run(At("2025-02-05T10:00:00")).escalations, 0);
  EXPECT_EQ(Run(At("2025-02-06T10:00:00")).escalations, 1);
  EXPECT_EQ(Run(At("2025-03-01T10:00:00")).escalations, 0);
  EXPECT_EQ(Escalations(id), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_escalations"), 5);

  auto now = service_->Get(admin_, id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->stored.request.status, Status::kSubmitted);  // escalation does not change the status
  auto timeline = service_->Events(admin_, id);
  ASSERT_TRUE(timeline);
  EXPECT_TRUE(timeline->chain_valid) << timeline->chain_error;
  EXPECT_EQ(timeline->events.back().actor_role, requests::Role::kSystem);
  EXPECT_EQ(timeline->events.back().Get("due_at"), "2025-01-26T10:00:00+08:00");
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'escalate' AND actor_user_id = 0"), 5);
}

TEST_P(SchedulerTest, EachLevelIsToldThroughTheOutbox) {
  const auto v = SubmitAt(ent1_, Input("春节前招工难"), At("2025-01-24T10:00:00"));
  Run(At("2025-02-06T10:00:00"));
  auto rows = db_->ReadValue([&](storage::Tx& tx) {
    return tx.Query(storage::Sql("SELECT payload, recipients FROM notification_outbox WHERE topic = 'request.escalate'"
                                 " ORDER BY id"));
  });
  ASSERT_TRUE(rows) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 5u);
  std::vector<std::string> recipients;
  for (const auto& row : *rows) recipients.push_back(row.text("recipients"));
  // handler before routing: the dispatcher (2); department head: nobody, so the dispatcher; the
  // liaison: none at intake, so the dispatcher; the district leader of 张店区 (9); city leaders (10).
  EXPECT_EQ(recipients, (std::vector<std::string>{"[2]", "[2]", "[2]", "[9]", "[10]"}));
  EXPECT_NE((*rows)[3].text("payload").find("区县领导"), std::string::npos);
  (void)v;
}

TEST_P(SchedulerTest, ANewRoundStartsANewLadder) {
  const auto v = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00"));
  const int64_t id = v.stored.id;
  ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, At("2025-03-03T09:10:00")));
  ActInput route;
  route.department_id = 1;
  ASSERT_TRUE(Do(dispatcher_, id, Action::kRoute, At("2025-03-03T09:20:00"), route));
  // Sign due Tuesday 4 March 09:20.
  EXPECT_EQ(Run(At("2025-03-04T09:20:00")).escalations, 2);
  ASSERT_TRUE(Do(hr_, id, Action::kSign, At("2025-03-04T10:00:00")));
  ActInput transfer;
  transfer.department_id = 2;
  transfer.note = "属工信部门职责";
  ASSERT_TRUE(Do(hr_, id, Action::kTransfer, At("2025-03-04T11:00:00"), transfer));
  EXPECT_EQ(Run(At("2025-03-04T11:00:00")).escalations, 0);
  EXPECT_EQ(Run(At("2025-03-05T11:00:00")).escalations, 2);  // the new sign due time
  EXPECT_EQ(Levels(id), (std::vector<std::string>{"sign/handler", "sign/department_head", "sign/handler",
                                                  "sign/department_head"}));
}

TEST_P(SchedulerTest, TwoServersRacingTakeEachRungOnce) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(SubmitAt(ent1_, Input("招工难 " + std::to_string(i)), At("2025-03-03T09:00:00")).stored.id);
  // A second server: its own connections, service and scheduler on the same database.
  auto other_db = storage::Database::Open(target_->url());
  ASSERT_TRUE(other_db) << other_db.error().ToString();
  auto other = requests_service::RequestService::Open(**other_db, clock_);
  ASSERT_TRUE(other);
  EscalationRecorder other_recorder;
  (*other)->AddObserver(other_recorder);
  clock_.Set(At("2025-03-10T09:00:00"));
  Scheduler a(*db_, *service_, clock_, Options());
  Scheduler b(**other_db, **other, clock_, Options());
  RunStats sa, sb;
  std::thread ta([&] { sa = *a.RunOnce(); });
  std::thread tb([&] { sb = *b.RunOnce(); });
  ta.join();
  tb.join();
  // Some rungs may be left to the next run by a lost race: run both once more.
  sa.escalations += a.RunOnce()->escalations;
  sb.escalations += b.RunOnce()->escalations;
  EXPECT_EQ(sa.escalations + sb.escalations, 6 * 5);
  for (int64_t id : ids) EXPECT_EQ(Escalations(id), 5) << id;
  (*other_db)->Close();
}

TEST_P(SchedulerTest, UnratedRepliesCloseAfterFiveWorkingDays) {
  const auto v = SubmitAt(ent1_, Input("招工难"), At("2025-01-20T09:00:00"));
  const auto rated = SubmitAt(ent1_, Input("融资难"), At("2025-01-20T09:00:00"));
  for (int64_t id : {v.stored.id, rated.stored.id}) {
    ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, At("2025-01-20T09:10:00")));
    ActInput route;
    route.department_id = 1;
    ASSERT_TRUE(Do(dispatcher_, id, Action::kRoute, At("2025-01-20T09:20:00"), route));
    ASSERT_TRUE(Do(hr_, id, Action::kSign, At("2025-01-20T09:30:00")));
    ActInput reply;
    reply.note = "已协调解决";
    ASSERT_TRUE(Do(hr_, id, Action::kReply, At("2025-01-24T10:00:00"), reply));
  }
  ActInput rate;
  rate.rating = requests::RatingLevel::kDissatisfied;
  ASSERT_TRUE(Do(ent1_, rated.stored.id, Action::kRate, At("2025-01-24T11:00:00"), rate));
  // Five working days from Friday 24 January 10:00: 26th (make-up), 27th, then 5, 6, 7 February.
  EXPECT_EQ(Run(At("2025-02-07T09:59:00")).auto_closed, 0);
  EXPECT_EQ(Run(At("2025-02-07T10:00:00")).auto_closed, 1);
  auto closed = service_->Get(admin_, v.stored.id);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->stored.request.status, Status::kClosed);
  auto timeline = service_->Events(admin_, v.stored.id);
  ASSERT_TRUE(timeline);
  EXPECT_EQ(timeline->events.back().type, Action::kAutoClose);
  EXPECT_EQ(timeline->events.back().actor_role, requests::Role::kSystem);
  EXPECT_TRUE(timeline->chain_valid);
  // The badly rated one waits for its rectification instead.
  EXPECT_EQ(service_->Get(admin_, rated.stored.id)->stored.request.status, Status::kReplied);
  EXPECT_EQ(Run(At("2025-03-07T10:00:00")).auto_closed, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchedulerTest, ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace zhitong::escalation_service
