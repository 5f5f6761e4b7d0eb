// The requests service on both backends: one transaction per change with its event, projection,
// deadlines and audit entry; optimistic concurrency; input errors that write nothing; deadlines
// around Spring Festival 2025 and National Day 2024.
#include "requests_service/request_service.h"

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <set>

#include "requests_service/service_test_util.h"

namespace zhitong::requests_service::testing {
namespace {

using requests::Action;
using requests::Status;

class RequestServiceTest : public ServiceTest {};

TEST_P(RequestServiceTest, SubmitStoresRowFirstEventAndAuditTogether) {
  auto v = SubmitAt(ent1_, Input("招工难"), At("2025-01-24T10:00:00"));
  EXPECT_EQ(v.stored.request.status, Status::kSubmitted);
  EXPECT_EQ(v.stored.request.version, 1);
  EXPECT_EQ(v.stored.request.enterprise_id, "1");
  EXPECT_EQ(v.stored.region_id, 2);
  EXPECT_EQ(v.stored.enterprise_name, "淄博华光陶瓷有限公司");
  EXPECT_EQ(v.stored.category_name, "用工招工");
  EXPECT_FALSE(v.stored.liaison_official_id.has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_events"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'request' AND action = 'submit'"), 1);
  auto timeline = service_->Events(ent1_, v.stored.id);
  ASSERT_TRUE(timeline) << timeline.error().ToString();
  ASSERT_EQ(timeline->events.size(), 1u);
  EXPECT_TRUE(timeline->chain_valid);
  EXPECT_EQ(timeline->events[0].hash, v.stored.request.last_hash);
}

TEST_P(RequestServiceTest, InvalidInputWritesNothing) {
  clock_.Set(At("2025-01-24T10:00:00"));
  auto bad_category = service_->Submit(ent1_, Input("招工难", "no_such"));
  ASSERT_FALSE(bad_category);
  EXPECT_EQ(bad_category.error().code, "input.invalid");
  ASSERT_EQ(bad_category.error().fields.size(), 1u);
  EXPECT_EQ(bad_category.error().fields[0].field, "category_code");
  auto blank_title = service_->Submit(ent1_, Input("   "));
  ASSERT_FALSE(blank_title);
  EXPECT_EQ(blank_title.error().code, "request.title_required");
  SubmitInput other = Input("代别的企业提交");
  other.enterprise_id = 2;
  auto foreign = service_->Submit(ent1_, other);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().kind, ErrorKind::kForbidden);
  auto dispatcher_without_channel = service_->Submit(dispatcher_, Input("电话登记"));
  ASSERT_FALSE(dispatcher_without_channel);
  EXPECT_EQ(dispatcher_without_channel.error().fields.at(0).field, "channel");
  auto handler = service_->Submit(hr_, Input("承办人不能提交"));
  ASSERT_FALSE(handler);
  EXPECT_EQ(handler.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM requests"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_events"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log"), 0);
}

TEST_P(RequestServiceTest, DispatcherEntersPhoneRequestOnBehalfOfAnEnterprise) {
  SubmitInput in = Input("电话反映停电");
  in.enterprise_id = 3;
  in.channel = requests::Channel::kPhone;
  auto v = SubmitAt(dispatcher_, in, At("2025-03-03T09:00:00"));
  EXPECT_EQ(v.stored.request.channel, requests::Channel::kPhone);
  EXPECT_EQ(v.stored.region_id, 3);
  // The enterprise sees it as its own.
  EXPECT_TRUE(service_->Get(ent3_, v.stored.id));
}

TEST_P(RequestServiceTest, StaleVersionIsAConflictAndChangesNothing) {
  auto v = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00"));
  ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kAccept, At("2025-03-03T10:00:00")));
  ActInput stale;
  stale.version = 1;
  auto again = Do(dispatcher_, v.stored.id, Action::kReject, At("2025-03-03T10:01:00"), stale);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "request.version_conflict");
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_events"), 2);
  EXPECT_EQ(service_->Get(admin_, v.stored.id)->stored.request.status, Status::kAccepted);
}

TEST_P(RequestServiceTest, RefusalsCarryTheDomainCodes) {
  auto v = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00"));
  auto sign = Do(hr_, v.stored.id, Action::kSign, At("2025-03-03T09:30:00"));
  ASSERT_FALSE(sign);
  EXPECT_EQ(sign.error().code, "request.not_found");  // not yet routed to the handler: out of scope
  auto by_enterprise = Do(ent1_, v.stored.id, Action::kAccept, At("2025-03-03T09:30:00"));
  ASSERT_FALSE(by_enterprise);
  EXPECT_EQ(by_enterprise.error().code, "request.not_allowed");
  auto reject = Do(dispatcher_, v.stored.id, Action::kReject, At("2025-03-03T09:30:00"));
  ASSERT_FALSE(reject);
  EXPECT_EQ(reject.error().code, "request.reason_required");
  ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kAccept, At("2025-03-03T09:40:00")));
  auto route = Do(dispatcher_, v.stored.id, Action::kRoute, At("2025-03-03T09:50:00"));
  ASSERT_FALSE(route);  // labour has no default department yet
  EXPECT_EQ(route.error().code, "request.department_required");
  ActInput unknown;
  unknown.department_id = 99;
  auto bad = Do(dispatcher_, v.stored.id, Action::kRoute, At("2025-03-03T09:50:00"), unknown);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "department_id");
}

TEST_P(RequestServiceTest, RouteUsesTheCategoryDefaultDepartment) {
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Result<void> {
    ZT_TRY(tx.Exec(storage::Sql("UPDATE categories SET department_id = 3 WHERE code = 'power'")));
    return Ok();
  }));
  auto v = SubmitAt(ent1_, Input("频繁停电", "power"), At("2025-03-03T09:00:00"));
  ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kAccept, At("2025-03-03T09:10:00")));
  auto routed = Do(dispatcher_, v.stored.id, Action::kRoute, At("2025-03-03T09:20:00"));
  ASSERT_TRUE(routed) << routed.error().ToString();
  EXPECT_EQ(routed->stored.request.handling_department, "3");
  EXPECT_EQ(routed->stored.department_name, "供电公司");
  // power: 3 working days to reply.
  EXPECT_EQ(Local(routed->deadlines.reply_due), "2025-03-06T09:20:00+08:00");
}

TEST_P(RequestServiceTest, DeadlinesAroundSpringFestival2025WithAPause) {
  // Friday before the festival; Sunday 26 January is a make-up workday, 28 Jan – 4 Feb are off,
  // Saturday 8 February is worked.
  auto v = SubmitAt(ent1_, Input("春节前招工难"), At("2025-01-24T10:00:00"));
  EXPECT_EQ(Local(v.deadlines.accept_due), "2025-01-26T10:00:00+08:00");
  EXPECT_EQ(v.deadlines.sla, Sla::kOnTime);
  const int64_t id = v.stored.id;
  ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, At("2025-01-24T11:00:00")));
  ActInput route;
  route.department_id = 1;
  auto routed = Do(dispatcher_, id, Action::kRoute, At("2025-01-27T10:00:00"), route);
  ASSERT_TRUE(routed) << routed.error().ToString();
  EXPECT_EQ(Local(routed->deadlines.sign_due), "2025-02-05T10:00:00+08:00");
  EXPECT_EQ(Local(routed->deadlines.reply_due), "2025-02-10T10:00:00+08:00");
  EXPECT_EQ(Local(routed->deadlines.current_due), "2025-02-05T10:00:00+08:00");
  ASSERT_TRUE(Do(hr_, id, Action::kSign, At("2025-02-05T09:00:00")));
  ASSERT_TRUE(Do(hr_, id, Action::kStart, At("2025-02-05T09:30:00")));
  ActInput ask;
  ask.note = "请补充用工需求表";
  auto paused = Do(hr_, id, Action::kRequestInfo, At("2025-02-06T10:00:00"), ask);
  ASSERT_TRUE(paused) << paused.error().ToString();
  EXPECT_EQ(paused->deadlines.sla, Sla::kPaused);
  EXPECT_FALSE(paused->deadlines.current_due.has_value());
  // Supplied three working days later (6 Feb 10:00 → 10 Feb 10:00, the Saturday worked, the
  // Sunday not): the reply is due three working days later too.
  auto resumed = Do(ent1_, id, Action::kSupplyInfo, At("2025-02-10T10:00:00"));
  ASSERT_TRUE(resumed) << resumed.error().ToString();
  EXPECT_EQ(Local(resumed->deadlines.reply_due), "2025-02-13T10:00:00+08:00");
  EXPECT_EQ(resumed->deadlines.sla, Sla::kOnTime);
  clock_.Set(At("2025-02-12T12:00:00"));
  EXPECT_EQ(service_->Get(hr_, id)->deadlines.sla, Sla::kNearDue);
  clock_.Set(At("2025-02-13T10:00:01"));
  auto late = service_->Get(hr_, id);
  EXPECT_EQ(late->deadlines.sla, Sla::kOverdue);
  EXPECT_LT(*late->deadlines.remaining_seconds, 0);
  ListFilter overdue;
  overdue.overdue = true;
  EXPECT_EQ(service_->List(hr_, overdue)->total, 1);
}

TEST_P(RequestServiceTest, RectificationDueAroundNationalDay2024) {
  // Submitted on Saturday 28 September 2024, a day off: counting starts on Sunday 29th, a
  // make-up workday, so acceptance is due at its end.
  auto v = SubmitAt(ent1_, Input("国庆前融资难", "finance"), At("2024-09-28T10:00:00"));
  EXPECT_EQ(Local(v.deadlines.accept_due), "2024-09-30T00:00:00+08:00");
  const int64_t id = v.stored.id;
  ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, At("2024-09-29T09:00:00")));
  ActInput route;
  route.department_id = 2;
  ASSERT_TRUE(Do(dispatcher_, id, Action::kRoute, At("2024-09-29T10:00:00"), route));
  ASSERT_TRUE(Do(gx_, id, Action::kSign, At("2024-09-29T11:00:00")));
  ActInput reply;
  reply.note = "已协调银行对接";
  ASSERT_TRUE(Do(gx_, id, Action::kReply, At("2024-09-30T09:00:00"), reply));
  ActInput bad;
  bad.rating = requests::RatingLevel::kDissatisfied;
  auto rated = Do(ent1_, id, Action::kRate, At("2024-09-30T15:00:00"), bad);
  ASSERT_TRUE(rated) << rated.error().ToString();
  // 30 Sep 15:00 + 5 working days: 1–7 October off, 8–11 worked, Saturday 12th worked.
  EXPECT_EQ(Local(rated->deadlines.rectify_due), "2024-10-12T15:00:00+08:00");
  EXPECT_EQ(rated->deadlines.current_due, rated->deadlines.rectify_due);
  EXPECT_EQ(rated->stored.request.status, Status::kReplied);
  EXPECT_EQ(rated->stored.request.rectification, requests::RectificationState::kPending);
}

TEST_P(RequestServiceTest, UrgentRepliesCountCalendarHours) {
  SubmitInput in = Input("用工紧急");
  in.priority = requests::Priority::kUrgent;
  auto v = SubmitAt(ent1_, in, At("2025-01-27T09:00:00"));
  ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kAccept, At("2025-01-27T09:10:00")));
  ActInput route;
  route.department_id = 1;
  auto routed = Do(dispatcher_, v.stored.id, Action::kRoute, At("2025-01-27T10:00:00"), route);
  ASSERT_TRUE(routed);
  EXPECT_EQ(Local(routed->deadlines.reply_due), "2025-01-28T10:00:00+08:00");  // a holiday: no matter
}

TEST_P(RequestServiceTest, AllowedActionsFollowTheTableAndTheActor) {
  auto v = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00"));
  using A = std::vector<Action>;
  EXPECT_EQ(service_->Get(dispatcher_, v.stored.id)->allowed_actions,
            (A{Action::kAccept, Action::kReject, Action::kMerge}));
  EXPECT_EQ(service_->Get(ent1_, v.stored.id)->allowed_actions, (A{Action::kWithdraw}));
  EXPECT_TRUE(service_->Get(admin_, v.stored.id)->allowed_actions.empty());
}

TEST_P(RequestServiceTest, MergeKeepsBothTimelines) {
  auto first = SubmitAt(ent1_, Input("厂区附近道路破损影响物流"), At("2025-03-03T09:00:00"));
  auto second = SubmitAt(ent2_, Input("厂区附近道路破损影响运输"), At("2025-03-03T10:00:00"));
  auto similar = service_->Similar(dispatcher_, "厂区附近道路破损", "", 2);
  ASSERT_TRUE(similar) << similar.error().ToString();
  ASSERT_EQ(similar->size(), 2u);  // same region
  ActInput merge;
  merge.target_id = first.stored.id;
  merge.note = "同一问题";
  auto merged = Do(dispatcher_, second.stored.id, Action::kMerge, At("2025-03-03T11:00:00"), merge);
  ASSERT_TRUE(merged) << merged.error().ToString();
  EXPECT_EQ(merged->stored.request.status, Status::kMerged);
  EXPECT_EQ(merged->stored.request.merged_into, std::to_string(first.stored.id));
  EXPECT_EQ(service_->Events(admin_, first.stored.id)->events.size(), 1u);
  EXPECT_EQ(service_->Events(admin_, second.stored.id)->events.size(), 2u);
  ActInput backwards;
  backwards.target_id = second.stored.id;
  auto refused = Do(dispatcher_, first.stored.id, Action::kMerge, At("2025-03-03T11:00:00"), backwards);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "request.merge_target_invalid");
}

// Records what it is told and, when asked to, fails: the change must then not commit.
class RecordingObserver : public RequestObserver {
 public:
  Result<void> OnChange(storage::Tx& tx, const RequestChange& change) override {
    auto n = tx.Query(storage::Sql("SELECT COUNT(*) AS n FROM request_events WHERE request_id = ?"),
                      change.after.id);
    if (!n) return n.error();
    seen.push_back({change.before.has_value(), change.after.request.status, change.events.size(), (*n)[0].i64("n")});
    if (fail) return Error::Invalid("test.observer_refused", "refused", "拒绝");
    return Ok();
  }
  struct Seen {
    bool had_before;
    Status status;
    size_t events;
    int64_t events_in_tx;
  };
  std::vector<Seen> seen;
  bool fail = false;
};

TEST_P(RequestServiceTest, ObserversSeeEachChangeInsideItsTransaction) {
  RecordingObserver observer;
  service_->AddObserver(observer);
  auto v = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00"));
  ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kAccept, At("2025-03-03T10:00:00")));
  ASSERT_EQ(observer.seen.size(), 2u);
  EXPECT_FALSE(observer.seen[0].had_before);
  EXPECT_EQ(observer.seen[0].status, Status::kSubmitted);
  EXPECT_EQ(observer.seen[0].events, 1u);
  EXPECT_EQ(observer.seen[0].events_in_tx, 1);  // the event is already written when it is told
  EXPECT_TRUE(observer.seen[1].had_before);
  EXPECT_EQ(observer.seen[1].status, Status::kAccepted);
  EXPECT_EQ(observer.seen[1].events_in_tx, 2);

  observer.fail = true;
  ActInput route;
  route.version = 2;
  route.department_id = 1;
  auto refused = Do(dispatcher_, v.stored.id, Action::kRoute, At("2025-03-03T11:00:00"), route);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "test.observer_refused");
  // Nothing of the refused change stays: no event, no audit entry, the same version.
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_events"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'route'"), 0);
  auto now = service_->Get(dispatcher_, v.stored.id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->stored.request.version, 2);
}

TEST_P(RequestServiceTest, SubmitAsyncCommitsBeforeAnsweringAndRefusesLikeSubmit) {
  clock_.Set(At("2025-03-03T09:00:00"));
  std::vector<std::future<Result<RequestView>>> answers;
  for (int i = 0; i < 20; ++i) {
    auto promise = std::make_shared<std::promise<Result<RequestView>>>();
    answers.push_back(promise->get_future());
    service_->SubmitAsync(ent1_, Input("并发提交 " + std::to_string(i)), "req-" + std::to_string(i),
                          [promise](Result<RequestView> v) { promise->set_value(std::move(v)); });
  }
  std::set<int64_t> ids;
  for (auto& f : answers) {
    auto v = f.get();
    ASSERT_TRUE(v) << v.error().ToString();
    ids.insert(v->stored.id);
    // Answered only after the commit: a fresh read sees it.
    EXPECT_TRUE(service_->Get(ent1_, v->stored.id));
  }
  EXPECT_EQ(ids.size(), 20u);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM requests"), 20);

  std::promise<Result<RequestView>> refused;
  service_->SubmitAsync(ent1_, Input("类别不存在", "no_such"), "req-bad",
                        [&refused](Result<RequestView> v) { refused.set_value(std::move(v)); });
  auto bad = refused.get_future().get();
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "input.invalid");
  std::promise<Result<RequestView>> handler;
  service_->SubmitAsync(hr_, Input("承办人不能提交"), "req-hr",
                        [&handler](Result<RequestView> v) { handler.set_value(std::move(v)); });
  auto forbidden = handler.get_future().get();
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM requests"), 20);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'submit'"), 20);
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestServiceTest,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), BackendName);

}  // namespace
}  // namespace zhitong::requests_service::testing
