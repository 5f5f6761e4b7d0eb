#include "directory_service/demo_loader.h"

#include <gtest/gtest.h>

#include <chrono>

#include "directory/demo_city.h"
#include "directory_service/service_test_util.h"

namespace zhitong::directory_service {
namespace {

using testing::DirectoryTest;

int64_t Count(storage::Database& db, const char* sql) {
  auto rows = db.ReadValue([&](storage::Tx& tx) { return tx.Query(storage::Sql{sql}); });
  return rows ? (*rows)[0].i64("n") : -1;
}

TEST_P(DirectoryTest, DemoCityLoadsOnceInSeconds) {
  setenv("ZHITONG_TEST_FAST_HASH", "1", 1);
  const auto start = std::chrono::steady_clock::now();
  auto loaded = LoadDemoCity(*db_, clock_, admin_);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_FALSE(loaded->already_loaded);
  EXPECT_LT(elapsed, std::chrono::seconds(30));  // a sanitizer build on a shared machine; ~1 s here
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) AS n FROM enterprises"), directory::kDemoEnterprises);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) AS n FROM enterprises WHERE is_key = 1"), directory::kDemoKeyEnterprises);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) AS n FROM officials WHERE rank = 'city'"), directory::kDemoCityLeaders);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) AS n FROM regions"), 12);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) AS n FROM users"), 7);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) AS n FROM official_conflicts"), loaded->conflicts);
  EXPECT_GT(Count(*db_, "SELECT COUNT(*) AS n FROM department_categories"), 0);

  auto again = LoadDemoCity(*db_, clock_, admin_);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->already_loaded);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) AS n FROM enterprises"), directory::kDemoEnterprises);
}

}  // namespace
}  // namespace zhitong::directory_service
