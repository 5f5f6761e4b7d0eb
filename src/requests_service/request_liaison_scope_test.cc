// The liaison's view of requests and the refusals that must not reveal whether an id exists, on
// both backends: a liaison reads the requests of the enterprises they serve now and of those they
// were the liaison of at intake; naming an enterprise the caller may not see answers like naming
// one that does not exist.
#include <gtest/gtest.h>

#include <set>

#include "requests_service/request_service.h"
#include "requests_service/service_test_util.h"

namespace zhitong::requests_service::testing {
namespace {

class RequestLiaisonScopeTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Result<void> {
      ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO officials (id, name, rank, region_id, active_from, created_at, "
                                  "updated_at) VALUES (2, '李联络', 'district', 2, '2024-01-01', 0, 0)"}));
      ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO liaison_assignments (official_id, enterprise_id, started_at, "
                                  "created_at) VALUES (2, 1, 0, 0)"}));
      return Ok();
    }));
    liaison_ = MakeActor(11, access::Role::kLiaison);
    liaison_.official_id = 2;
  }
  std::set<int64_t> Visible(const access::Actor& who) {
    auto list = service_->List(who, {});
    EXPECT_TRUE(list) << list.error().ToString();
    std::set<int64_t> out;
    if (list) {
      for (const auto& v : list->items) out.insert(v.stored.id);
    }
    return out;
  }
  access::Actor liaison_;
};

TEST_P(RequestLiaisonScopeTest, LiaisonReadsTheRequestsOfTheEnterprisesTheyServe) {
  const auto a = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00"));
  const auto b = SubmitAt(ent2_, Input("融资难", "finance"), At("2025-03-03T10:00:00"));
  EXPECT_EQ(a.stored.liaison_official_id, std::optional<int64_t>(2)) << "intake records the enterprise's liaison";
  EXPECT_EQ(b.stored.liaison_official_id, std::nullopt);
  EXPECT_EQ(Visible(liaison_), (std::set<int64_t>{a.stored.id}));
  EXPECT_TRUE(service_->Get(liaison_, a.stored.id));
  EXPECT_EQ(service_->Get(liaison_, b.stored.id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(service_->Events(liaison_, b.stored.id).error().kind, ErrorKind::kNotFound);
  // The liaison now serves enterprise 2 instead: its earlier request comes into view, and the one
  // filed while they were enterprise 1's liaison stays.
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Result<void> {
    ZT_TRY(tx.Exec(storage::Sql{"UPDATE liaison_assignments SET ended_at = 1 WHERE official_id = 2"}));
    ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO liaison_assignments (official_id, enterprise_id, started_at, "
                                "created_at) VALUES (2, 2, 1, 1)"}));
    return Ok();
  }));
  EXPECT_EQ(Visible(liaison_), (std::set<int64_t>{a.stored.id, b.stored.id}));
  const auto c = SubmitAt(ent1_, Input("用电报装慢", "power"), At("2025-03-04T09:00:00"));
  EXPECT_EQ(c.stored.liaison_official_id, std::nullopt);
  EXPECT_EQ(Visible(liaison_), (std::set<int64_t>{a.stored.id, b.stored.id}));
}

TEST_P(RequestLiaisonScopeTest, NamingAnEnterpriseOutOfScopeAnswersLikeAnUnknownOne) {
  // Similar requests: enterprise 3 (淄川区) is outside the district leader's region and not the
  // liaison's; the answer is the one for an enterprise that does not exist.
  for (const access::Actor* who : {&district_leader_, &liaison_, &ent1_, &citizen_}) {
    auto outside = service_->Similar(*who, "招工难", "", 3);
    auto unknown = service_->Similar(*who, "招工难", "", 999);
    ASSERT_FALSE(outside) << who->user_id;
    ASSERT_FALSE(unknown);
    EXPECT_EQ(outside.error().code, unknown.error().code);
    EXPECT_EQ(outside.error().kind, ErrorKind::kInvalid);
  }
  EXPECT_TRUE(service_->Similar(district_leader_, "招工难", "", 1));
  EXPECT_TRUE(service_->Similar(liaison_, "招工难", "", 1));
  EXPECT_TRUE(service_->Similar(hr_, "招工难", "", 3));
  // Submitting for another enterprise: forbidden whether it exists or not, and nothing written.
  for (int64_t enterprise : {int64_t{2}, int64_t{999}}) {
    SubmitInput in = Input("代他人提交");
    in.enterprise_id = enterprise;
    auto r = service_->Submit(ent1_, in);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::kForbidden) << enterprise;
    r = service_->Submit(citizen_, in);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::kForbidden) << enterprise;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM requests"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestLiaisonScopeTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace zhitong::requests_service::testing
