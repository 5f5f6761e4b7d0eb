// VerifyAllChains on both backends: intact timelines pass; an event changed in place (the
// append-only triggers dropped to do it, as an attacker with the database file could) is named
// with its request, seq and the expected and stored hash; a removed newest event, which leaves a
// valid chain, is caught by the request row.
#include "requests_service/chain_audit.h"

#include <gtest/gtest.h>

#include "requests/event_chain.h"
#include "requests_service/service_test_util.h"

namespace zhitong::requests_service::testing {
namespace {

using requests::Action;

class ChainAuditTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (int i = 0; i < 3; ++i) {
      const auto v = SubmitAt(ent1_, Input("招工难 " + std::to_string(i)), At("2025-03-03T09:00:00"));
      ids_.push_back(v.stored.id);
      ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kAccept, At("2025-03-03T10:00:00")));
      ActInput route;
      route.department_id = 1;
      ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kRoute, At("2025-03-03T11:00:00"), route));
    }
  }
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Result<void> {
      if (tx.dialect() == Dialect::kSqlite) {
        ZT_TRY(tx.Exec(storage::Sql{"DROP TRIGGER IF EXISTS request_events_no_update"}));
        ZT_TRY(tx.Exec(storage::Sql{"DROP TRIGGER IF EXISTS request_events_no_delete"}));
      } else {
        ZT_TRY(tx.Exec(storage::Sql{"DROP TRIGGER IF EXISTS request_events_no_change ON request_events"}));
      }
      ZT_TRY(tx.Exec(storage::Sql(sql.c_str())));
      return Ok();
    }));
  }
  std::vector<int64_t> ids_;
};

TEST_P(ChainAuditTest, IntactTimelinesPass) {
  auto report = VerifyAllChains(*db_);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_FALSE(report->first_break);
  EXPECT_EQ(report->requests, 3);
  EXPECT_EQ(report->events, 9);
}

TEST_P(ChainAuditTest, NamesTheFirstEventChangedInPlace) {
  auto events = db_->ReadValue([&](storage::Tx& tx) { return LoadEvents(tx, ids_[1]); });
  ASSERT_TRUE(events);
  Tamper("UPDATE request_events SET note = '已办结' WHERE request_id = " + std::to_string(ids_[1]) + " AND seq = 2");
  auto report = VerifyAllChains(*db_);
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_TRUE(report->first_break);
  const ChainBreak& b = *report->first_break;
  EXPECT_EQ(b.request_id, ids_[1]);
  EXPECT_EQ(b.seq, 2);
  EXPECT_EQ(b.what, "event hash");
  EXPECT_EQ(b.found, (*events)[1].hash);  // the stored hash, unchanged
  auto changed = (*events)[1];
  changed.note = "已办结";
  EXPECT_EQ(b.expected, requests::ComputeHash(changed));  // what the changed event hashes to
  EXPECT_EQ(report->requests, 2) << "stops at the first broken request";
}

TEST_P(ChainAuditTest, ARemovedNewestEventIsCaughtByTheRequestRow) {
  Tamper("DELETE FROM request_events WHERE request_id = " + std::to_string(ids_[0]) + " AND seq = 3");
  auto report = VerifyAllChains(*db_);
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_TRUE(report->first_break);
  EXPECT_EQ(report->first_break->request_id, ids_[0]);
  EXPECT_EQ(report->first_break->expected, "3");
  EXPECT_EQ(report->first_break->found, "2");
}

INSTANTIATE_TEST_SUITE_P(Backends, ChainAuditTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace zhitong::requests_service::testing
