// Notifications on both backends: the outbox row commits with the change (and not without it),
// the worker fans it out into the inboxes of the right users once, users read only their own
// inbox, and webhook deliveries are signed, retried with growing delays and dead-lettered.
#include <gtest/gtest.h>

#include "notify/webhook.h"
#include "notify_service/delivery.h"
#include "notify_service/inbox.h"
#include "notify_service/outbox.h"
#include "notify_service/webhooks.h"
#include "requests_service/service_test_util.h"

namespace zhitong::notify_service {
namespace {

using requests::Action;
using requests_service::ActInput;
using requests_service::testing::At;
using requests_service::testing::BackendName;
using requests_service::testing::ServiceTest;

class NotifyServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service_->AddObserver(outbox_);
  }
  // A request routed to the Human Resources Bureau (department 1).
  int64_t Routed() {
    const auto v = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00"));
    EXPECT_TRUE(Do(dispatcher_, v.stored.id, Action::kAccept, At("2025-03-03T09:10:00")));
    ActInput route;
    route.department_id = 1;
    EXPECT_TRUE(Do(dispatcher_, v.stored.id, Action::kRoute, At("2025-03-03T09:20:00"), route));
    return v.stored.id;
  }
  std::string Recipients(const std::string& topic) {
    auto rows = db_->ReadValue([&](storage::Tx& tx) {
      return tx.Query(storage::Sql("SELECT recipients FROM notification_outbox WHERE topic = ? ORDER BY id"), topic);
    });
    EXPECT_TRUE(rows);
    std::string out;
    for (const auto& row : *rows) out += row.text("recipients");
    return out;
  }

  OutboxObserver outbox_;
  ManualClock wall_{At("2025-03-03T12:00:00")};
};

TEST_P(NotifyServiceTest, TheOutboxCommitsWithTheChangeOnly) {
  const int64_t id = Routed();
  EXPECT_EQ(Recipients("request.submit"), "[2]");   // the dispatcher
  EXPECT_EQ(Recipients("request.accept"), "[5]");   // the requester
  EXPECT_EQ(Recipients("request.route"), "[3]");    // the handlers of department 1
  const int64_t before = Count("SELECT COUNT(*) AS n FROM notification_outbox");
  ActInput stale;
  stale.version = 1;
  EXPECT_FALSE(Do(hr_, id, Action::kSign, At("2025-03-03T10:00:00"), stale));
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM notification_outbox"), before);
  ActInput dispute;
  dispute.note = "不属本部门职责";
  ASSERT_TRUE(Do(hr_, id, Action::kDisputeRouting, At("2025-03-03T10:00:00"), dispute));
  EXPECT_EQ(Recipients("request.dispute_routing"), "[2]");
}

TEST_P(NotifyServiceTest, TheWorkerFillsEachInboxOnceAndUsersReadOnlyTheirOwn) {
  const int64_t id = Routed();
  DeliveryWorker worker(*db_, wall_, {});
  auto n = worker.FanOut();
  ASSERT_TRUE(n) << n.error().ToString();
  EXPECT_EQ(*n, 3);
  EXPECT_EQ(*worker.FanOut(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM inbox_items"), 3);
  Inbox inbox(*db_, wall_);
  auto page = inbox.List(hr_, false, 50, 0);
  ASSERT_TRUE(page) << page.error().ToString();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->unread, 1);
  EXPECT_EQ(page->items[0].topic, "request.route");
  EXPECT_EQ(page->items[0].request_id, id);
  EXPECT_NE(page->items[0].payload["title_zh"].get<std::string>().find("招工难"), std::string::npos);
  const int64_t item = page->items[0].id;
  auto foreign = inbox.MarkRead(ent1_, item);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, "inbox.not_found");
  auto read = inbox.MarkRead(hr_, item);
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_TRUE(read->read_at.has_value());
  EXPECT_EQ(*inbox.UnreadCount(hr_), 0);
  EXPECT_EQ(*inbox.UnreadCount(ent1_), 1);
  EXPECT_EQ(*inbox.MarkAllRead(ent1_), 1);
  EXPECT_EQ(inbox.List(ent1_, true, 50, 0)->items.size(), 0u);
}

TEST_P(NotifyServiceTest, WebhooksAreSignedRetriedAndDeadLettered) {
  Webhooks hooks(*db_, wall_);
  notify_service::WebhookInput in;
  in.url = "http://127.0.0.1:9/hook";
  in.topics = {"request.route"};
  EXPECT_EQ(hooks.Create(hr_, in).error().kind, ErrorKind::kForbidden);
  auto created = hooks.Create(admin_, in);
  ASSERT_TRUE(created) << created.error().ToString();
  const std::string secret = created->second;
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  notify_service::WebhookInput bad = in;
  bad.url = "ftp://example.org/";
  EXPECT_EQ(hooks.Create(admin_, bad).error().fields.at(0).field, "url");

  Routed();
  int calls = 0;
  bool signed_ok = true;
  auto failing = [&](const std::string&, const std::string& body,
                     const std::vector<std::pair<std::string, std::string>>& headers, std::chrono::seconds) {
    ++calls;
    for (const auto& [k, v] : headers) {
      if (k == notify::kSignatureHeader) signed_ok = signed_ok && notify::VerifySignature(secret, body, v);
    }
    return PostOutcome{503, "HTTP 503"};
  };
  DeliveryWorker worker(*db_, wall_, {.retry = {3, std::chrono::seconds(10), std::chrono::seconds(3600)}}, failing);
  EXPECT_EQ(worker.RunOnce().failed, 1);  // only request.route matches the topics
  EXPECT_EQ(worker.RunOnce().failed, 0);  // not due yet
  wall_.Set(wall_.Now() + std::chrono::seconds(10));
  EXPECT_EQ(worker.RunOnce().failed, 1);
  wall_.Set(wall_.Now() + std::chrono::seconds(19));
  EXPECT_EQ(worker.RunOnce().dead, 0);  // the delay doubled to 20 s
  wall_.Set(wall_.Now() + std::chrono::seconds(1));
  EXPECT_EQ(worker.RunOnce().dead, 1);
  EXPECT_EQ(calls, 3);
  EXPECT_TRUE(signed_ok);
  auto dead = hooks.Deliveries(admin_, created->first.id, std::string("dead"), 50, 0);
  ASSERT_TRUE(dead) << dead.error().ToString();
  ASSERT_EQ(dead->size(), 1u);
  EXPECT_EQ((*dead)[0].attempts, 3);
  EXPECT_EQ((*dead)[0].last_status, 503);
  // An admin puts it back; this time the receiver answers.
  ASSERT_TRUE(hooks.Retry(admin_, created->first.id, (*dead)[0].id));
  DeliveryWorker ok_worker(*db_, wall_, {}, [](auto&&...) { return PostOutcome{204, ""}; });
  EXPECT_EQ(ok_worker.RunOnce().delivered, 1);
  EXPECT_EQ(hooks.Get(admin_, created->first.id)->delivered, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE entity IN ('webhook', 'webhook_delivery')"), 2);
  ASSERT_TRUE(hooks.Delete(admin_, created->first.id));
  EXPECT_TRUE(hooks.List(admin_)->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, NotifyServiceTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kPostgres), BackendName);

}  // namespace
}  // namespace zhitong::notify_service
