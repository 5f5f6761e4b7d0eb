// Test support for directory_service tests: a fresh database of either backend (SQLite always;
// PostgreSQL when ZHITONG_TEST_PG_URL is set), the service on a manual clock, actors of every
// role, and a small city to work on.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "access/actor.h"
#include "core/clock.h"
#include "directory/uscc.h"
#include "directory_service/directory_service.h"
#include "storage/database.h"
#include "storage/testing/test_database.h"

namespace zhitong::directory_service::testing {

inline std::string DialectTestName(const ::testing::TestParamInfo<storage::Dialect>& info) {
  return info.param == storage::Dialect::kSqlite ? "Sqlite" : "Postgres";
}

// A valid USCC of an enterprise registered in 张店区, unique per n.
inline std::string TestUscc(int n) {
  char body[32];
  std::snprintf(body, sizeof body, "91370303%08d", n);
  return directory::CompleteUscc(body).value();
}

inline access::Actor MakeActor(access::Role role, int64_t user_id = 1) {
  access::Actor a;
  a.user_id = user_id;
  a.login = std::string(access::RoleName(role)) + std::to_string(user_id);
  a.role = role;
  return a;
}

class DirectoryTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  void SetUp() override {
    std::string why;
    test_db_ = storage::testing::TestDatabase::Create(GetParam(), &why);
    if (!test_db_) GTEST_SKIP() << why;
    auto db = storage::Database::Open(test_db_->url());
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    service_ = std::make_unique<DirectoryService>(*db_, clock_);
  }
  void TearDown() override {
    service_.reset();
    if (db_) db_->Close();
    db_.reset();
    test_db_.reset();
  }

  // 淄博市 (city) with 张店区 and 淄川区, one department, and `enterprises` enterprises
  // alternating between the two districts (odd ids in 张店区).
  void SeedCity(int enterprises) {
    auto city = service_->CreateRegion(admin_, {0, "370300", "淄博市", "Zibo", directory::RegionKind::kCity, {}});
    ASSERT_TRUE(city) << city.error().ToString();
    city_id_ = city->value.id;
    auto zd = service_->CreateRegion(admin_, {0, "370303", "张店区", "Zhangdian", directory::RegionKind::kDistrict, city_id_});
    ASSERT_TRUE(zd) << zd.error().ToString();
    zhangdian_ = zd->value.id;
    auto zc = service_->CreateRegion(admin_, {0, "370302", "淄川区", "Zichuan", directory::RegionKind::kDistrict, city_id_});
    ASSERT_TRUE(zc) << zc.error().ToString();
    zichuan_ = zc->value.id;
    for (int i = 1; i <= enterprises; ++i) {
      auto e = service_->CreateEnterprise(admin_, MakeEnterprise(i));
      ASSERT_TRUE(e) << e.error().ToString();
    }
  }

  directory::Enterprise MakeEnterprise(int i) const {
    directory::Enterprise e;
    e.uscc = TestUscc(i);
    e.name = "淄博测试企业" + std::to_string(i) + "有限公司";
    e.region_id = i % 2 ? zhangdian_ : zichuan_;
    e.address = "山东省淄博市";
    e.industry_code = i % 3 ? "26" : "34";
    e.above_scale = true;
    e.is_key = i % 5 == 0;
    e.employees = 100 + i;
    e.annual_revenue = 20'000'000 + int64_t{i} * 1'000'000;
    e.contact_name = "张三";
    e.contact_phone = "13900000001";
    return e;
  }

  ManualClock clock_{FromUnixMillis(1'700'000'000'000)};
  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<DirectoryService> service_;
  access::Actor admin_ = MakeActor(access::Role::kAdmin);
  int64_t city_id_ = 0, zhangdian_ = 0, zichuan_ = 0;
};

}  // namespace zhitong::directory_service::testing
