// Test support for the requests service: a fresh database on either backend (SQLite, or
// PostgreSQL from ZHITONG_TEST_PG_URL, skipped when unset) holding a small directory — a city with
// two districts, three departments, three enterprises and one user of each kind — and a service on
// a manual clock.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "access/actor.h"
#include "requests_service/request_service.h"
#include "storage/testing/test_database.h"

namespace zhitong::requests_service::testing {

using storage::Dialect;

// Instants are written in Shanghai time: At("2025-01-24T10:00:00").
inline Instant At(const std::string& local) { return *ParseTimestamp(local + "+08:00"); }
inline std::string Local(const std::optional<Instant>& t) { return t ? FormatShanghai(*t) : "(none)"; }

// The directory, in both dialects (explicit ids; no request rows).
inline constexpr const char* kDirectorySql[] = {
    "INSERT INTO regions (id, code, name, name_en, kind, parent_id, created_at, updated_at) VALUES"
    " (1, '370300', '淄博市', 'Zibo', 'city', NULL, 0, 0),"
    " (2, '370303', '张店区', 'Zhangdian', 'district', 1, 0, 0),"
    " (3, '370302', '淄川区', 'Zichuan', 'district', 1, 0, 0)",
    "INSERT INTO departments (id, code, name, name_en, region_id, created_at, updated_at) VALUES"
    " (1, 'rsj', '市人社局', 'Human Resources Bureau', 1, 0, 0),"
    " (2, 'gxj', '市工信局', 'Industry Bureau', 1, 0, 0),"
    " (3, 'gdgs', '供电公司', 'Power Supply Company', 1, 0, 0)",
    "INSERT INTO enterprises (id, uscc, name, region_id, industry_code, industry_section, created_at, updated_at)"
    " VALUES (1, '91370303MA3C00001A', '淄博华光陶瓷有限公司', 2, '3071', 'C', 0, 0),"
    " (2, '91370303MA3C00002B', '淄博新材料有限公司', 2, '2651', 'C', 0, 0),"
    " (3, '91370302MA3C00003C', '淄川机械厂', 3, '3420', 'C', 0, 0)",
    "INSERT INTO officials (id, name, rank, region_id, active_from, created_at, updated_at) VALUES"
    " (1, '王区长', 'district', 2, '2024-01-01', 0, 0)",
    "INSERT INTO users (id, login, display_name, role, password_hash, official_id, department_id, enterprise_id,"
    " created_at, updated_at, password_changed_at) VALUES"
    " (1, 'admin', '管理员', 'admin', 'x', NULL, NULL, NULL, 0, 0, 0),"
    " (2, 'dispatcher', '派单员', 'dispatcher', 'x', NULL, NULL, NULL, 0, 0, 0),"
    " (3, 'hr', '人社局承办人', 'handler', 'x', NULL, 1, NULL, 0, 0, 0),"
    " (4, 'gx', '工信局承办人', 'handler', 'x', NULL, 2, NULL, 0, 0, 0),"
    " (5, 'ent1', '华光陶瓷', 'enterprise', 'x', NULL, NULL, 1, 0, 0, 0),"
    " (6, 'ent2', '新材料', 'enterprise', 'x', NULL, NULL, 2, 0, 0, 0),"
    " (7, 'ent3', '淄川机械', 'enterprise', 'x', NULL, NULL, 3, 0, 0, 0),"
    " (8, 'citizen', '市民', 'public', 'x', NULL, NULL, NULL, 0, 0, 0),"
    " (9, 'leader', '王区长', 'leader', 'x', 1, NULL, NULL, 0, 0, 0),"
    " (10, 'cityleader', '市领导', 'leader', 'x', NULL, NULL, NULL, 0, 0, 0)",
};

inline access::Actor MakeActor(int64_t id, access::Role role) {
  access::Actor a;
  a.user_id = id;
  a.login = "u" + std::to_string(id);
  a.role = role;
  return a;
}

class ServiceTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    std::string why;
    target_ = storage::testing::TestDatabase::Create(GetParam(), &why);
    if (!target_) {
      if (storage::testing::PostgresTestUrl().empty()) GTEST_SKIP() << why;
      FAIL() << why;
    }
    auto db = storage::Database::Open(target_->url());
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto st = db_->Write([](storage::Tx& tx) -> Result<void> {
      for (const char* sql : kDirectorySql) ZT_TRY(tx.Exec(storage::Sql(sql)));
      return Ok();
    });
    ASSERT_TRUE(st) << st.error().ToString();
    auto service = RequestService::Open(*db_, clock_);
    ASSERT_TRUE(service) << service.error().ToString();
    service_ = std::move(*service);
    admin_ = MakeActor(1, access::Role::kAdmin);
    dispatcher_ = MakeActor(2, access::Role::kDispatcher);
    hr_ = MakeActor(3, access::Role::kHandler);
    hr_.department_id = 1;
    gx_ = MakeActor(4, access::Role::kHandler);
    gx_.department_id = 2;
    ent1_ = MakeActor(5, access::Role::kEnterprise);
    ent1_.enterprise_id = 1;
    ent2_ = MakeActor(6, access::Role::kEnterprise);
    ent2_.enterprise_id = 2;
    ent3_ = MakeActor(7, access::Role::kEnterprise);
    ent3_.enterprise_id = 3;
    citizen_ = MakeActor(8, access::Role::kPublic);
    district_leader_ = MakeActor(9, access::Role::kLeader);
    district_leader_.official_id = 1;
    district_leader_.region_id = 2;
    city_leader_ = MakeActor(10, access::Role::kLeader);
  }
  void TearDown() override {
    service_.reset();
    if (db_) db_->Close();
    db_.reset();
    target_.reset();
  }

  SubmitInput Input(const std::string& title, const std::string& category = "labour") {
    SubmitInput in;
    in.category_code = category;
    in.title = title;
    in.description = title + "，请协调解决。";
    return in;
  }
  // Submits as `who` at `when`; fails the test on error.
  RequestView SubmitAt(const access::Actor& who, const SubmitInput& in, Instant when) {
    clock_.Set(when);
    auto v = service_->Submit(who, in);
    EXPECT_TRUE(v) << v.error().ToString();
    return v ? *v : RequestView{};
  }
  Result<RequestView> Do(const access::Actor& who, int64_t id, requests::Action action, Instant when,
                         ActInput in = {}) {
    clock_.Set(when);
    auto current = service_->Get(admin_, id);
    if (!current) return current.error();
    in.action = action;
    if (in.version == 0) in.version = current->stored.request.version;
    return service_->Act(who, id, in);
  }
  int64_t Count(const std::string& sql) {
    auto n = db_->ReadValue([&](storage::Tx& tx) -> Result<int64_t> {
      ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql(sql.c_str())));
      return rows[0].i64("n");
    });
    EXPECT_TRUE(n) << n.error().ToString();
    return n ? *n : -1;
  }

  std::unique_ptr<storage::testing::TestDatabase> target_;
  std::unique_ptr<storage::Database> db_;
  ManualClock clock_{At("2025-01-24T10:00:00")};
  std::unique_ptr<RequestService> service_;
  access::Actor admin_, dispatcher_, hr_, gx_, ent1_, ent2_, ent3_, citizen_, district_leader_, city_leader_;
};

inline std::string BackendName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace zhitong::requests_service::testing
