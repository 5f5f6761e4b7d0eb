// The user list on both backends: filters (role, login or name substring, disabled), every sort
// and paging, checked against the same selection made in C++ over all users.
#include "access/users.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "storage/testing/test_database.h"

namespace zhitong::access {
namespace {

using storage::Dialect;

class UsersListTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    setenv("ZHITONG_TEST_FAST_HASH", "1", 1);
    std::string why;
    target_ = storage::testing::TestDatabase::Create(GetParam(), &why);
    if (!target_) {
      if (storage::testing::PostgresTestUrl().empty()) GTEST_SKIP() << why;
      FAIL() << why;
    }
    auto db = storage::Database::Open(target_->url());
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    users_ = std::make_unique<Users>(*db_, clock_);
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Result<void> {
      ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO regions (id, code, name, kind, created_at, updated_at) "
                                  "VALUES (1, '370300', '淄博市', 'city', 0, 0)"}));
      ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO departments (id, code, name, region_id, created_at, updated_at) "
                                  "VALUES (1, 'gxj', '市工信局', 1, 0, 0)"}));
      ZT_TRY(tx.Exec(storage::Sql{
          "INSERT INTO enterprises (id, uscc, name, region_id, industry_code, industry_section, created_at, "
          "updated_at) VALUES (1, '91370300MA3C5XXX0X', '淄博测试化工有限公司', 1, '26', 'C', 0, 0)"}));
      return Ok();
    }));
    root_ = SystemActor();
    // Thirty users of mixed roles, names and creation times (seeded, so the same every run).
    std::mt19937 rng(20250124);
    const std::vector<std::string> names = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"};
    const std::vector<Role> roles = {Role::kAdmin, Role::kDispatcher, Role::kHandler, Role::kEnterprise,
                                     Role::kPublic};
    for (int i = 0; i < 30; ++i) {
      clock_.Set(FromUnixMillis(1735689600000 + static_cast<int64_t>(rng() % 1000000) * 1000));
      NewUser u;
      u.login = "user" + std::to_string(rng() % 900 + 100) + "." + std::to_string(i);
      u.display_name = names[rng() % names.size()] + (i % 3 == 0 ? " 工信" : "");
      u.role = roles[rng() % roles.size()];
      u.password = "correct horse battery";
      if (u.role == Role::kHandler) u.department_id = 1;
      if (u.role == Role::kEnterprise) u.enterprise_id = 1;
      auto made = users_->Create(root_, u);
      ASSERT_TRUE(made) << made.error().ToString();
      if (i % 4 == 0) {
        ASSERT_TRUE(users_->SetDisabled(root_, u.login, true));
      }
    }
    auto all = users_->List(root_, {.limit = 1000});
    ASSERT_TRUE(all) << all.error().ToString();
    all_ = all->items;
    ASSERT_EQ(all_.size(), 30u);
  }
  void TearDown() override {
    users_.reset();
    if (db_) db_->Close();
  }

  std::unique_ptr<storage::testing::TestDatabase> target_;
  std::unique_ptr<storage::Database> db_;
  ManualClock clock_{FromUnixMillis(1735689600000)};
  std::unique_ptr<Users> users_;
  Actor root_;
  std::vector<User> all_;
};

std::vector<int64_t> Ids(const std::vector<User>& users) {
  std::vector<int64_t> out;
  for (const auto& u : users) out.push_back(u.id);
  return out;
}

TEST_P(UsersListTest, FiltersSortsAndPagesLikeTheSameSelectionInMemory) {
  struct Case {
    std::string sort;
    std::function<bool(const User&, const User&)> less;
  };
  auto by = [](auto key, bool desc) {
    return [key, desc](const User& a, const User& b) {
      const auto ka = key(a), kb = key(b);
      if (ka != kb) return desc ? kb < ka : ka < kb;
      return desc ? b.id < a.id : a.id < b.id;
    };
  };
  const std::vector<Case> sorts = {
      {"id", by([](const User& u) { return u.id; }, false)},
      {"-id", by([](const User& u) { return u.id; }, true)},
      {"login", by([](const User& u) { return u.login; }, false)},
      {"-login", by([](const User& u) { return u.login; }, true)},
      {"display_name", by([](const User& u) { return u.display_name; }, false)},
      {"-display_name", by([](const User& u) { return u.display_name; }, true)},
      {"role", by([](const User& u) { return std::string(RoleName(u.role)); }, false)},
      {"-role", by([](const User& u) { return std::string(RoleName(u.role)); }, true)},
      {"created_at", by([](const User& u) { return ToUnixMillis(u.created_at); }, false)},
      {"-created_at", by([](const User& u) { return ToUnixMillis(u.created_at); }, true)},
  };
  struct Filter {
    std::optional<Role> role;
    std::optional<std::string> q;
    std::optional<bool> disabled;
  };
  const std::vector<Filter> filters = {
      {}, {Role::kHandler, {}, {}}, {{}, "工信", {}}, {{}, {}, true}, {Role::kEnterprise, "user", false},
      {{}, "1.", {}}, {{}, "%", {}}};
  for (const auto& sort : sorts) {
    for (const auto& fl : filters) {
      std::vector<User> expected;
      for (const auto& u : all_) {
        if (fl.role && u.role != *fl.role) continue;
        if (fl.disabled && u.disabled != *fl.disabled) continue;
        if (fl.q && u.login.find(*fl.q) == std::string::npos && u.display_name.find(*fl.q) == std::string::npos) {
          continue;
        }
        expected.push_back(u);
      }
      std::sort(expected.begin(), expected.end(), sort.less);
      UserFilter f{.role = fl.role, .q = fl.q, .disabled = fl.disabled, .sort = *ParseUserSort(sort.sort), .limit = 4};
      std::vector<User> paged;
      for (f.offset = 0; f.offset < 40; f.offset += f.limit) {
        auto page = users_->List(root_, f);
        ASSERT_TRUE(page) << page.error().ToString();
        EXPECT_EQ(page->total, static_cast<int64_t>(expected.size())) << sort.sort;
        EXPECT_LE(page->items.size(), 4u);
        paged.insert(paged.end(), page->items.begin(), page->items.end());
      }
      EXPECT_EQ(Ids(paged), Ids(expected)) << "sort " << sort.sort << " q " << fl.q.value_or("") << " role "
                                           << (fl.role ? RoleName(*fl.role) : "");
    }
  }
}

TEST_P(UsersListTest, OnlyAdminsListAndUnknownSortsAreRefused) {
  EXPECT_FALSE(ParseUserSort("password_hash"));
  EXPECT_EQ(ParseUserSort("salary").error().code, "user.unknown_sort");
  for (Role role : AllRoles()) {
    Actor a;
    a.user_id = all_[0].id;
    a.login = all_[0].login;
    a.role = role;
    auto list = users_->List(a, {});
    EXPECT_EQ(list.has_value(), role == Role::kAdmin) << RoleName(role);
    if (!list) {
      EXPECT_EQ(list.error().kind, ErrorKind::kForbidden);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, UsersListTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         [](const auto& info) { return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres"; });

}  // namespace
}  // namespace zhitong::access
