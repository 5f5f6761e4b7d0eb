// Sign-in, sessions, API keys, throttling and the audit trail, on a real SQLite database.
#include "access/auth.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "access/audit.h"
#include "access/crypto.h"
#include "access/users.h"

namespace zhitong::access {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("ZHITONG_TEST_FAST_HASH", "1", 1);
    path_ = fs::temp_directory_path() /
            ("zt_auth_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    fs::remove(path_);
    auto db = storage::Database::Open("sqlite:" + path_.string());
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auth_ = std::make_unique<Auth>(*db_, clock_);
    users_ = std::make_unique<Users>(*db_, clock_);
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Result<void> {
      ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO regions (id, code, name, kind, created_at, updated_at) "
                                  "VALUES (1, '370300', '淄博市', 'city', 0, 0)"}));
      ZT_TRY(tx.Exec(storage::Sql{
          "INSERT INTO enterprises (id, uscc, name, region_id, industry_code, industry_section, created_at, "
          "updated_at) VALUES (1, '91370300MA3C5XXX0X', '淄博测试化工有限公司', 1, '26', 'C', 0, 0)"}));
      return Ok();
    }));
    admin_ = Make("admin", Role::kAdmin);
  }
  void TearDown() override {
    db_->Close();
    fs::remove(path_);
  }

  User Make(const std::string& login, Role role) {
    Actor root = SystemActor();
    NewUser u{login, login + " 名", role, "correct horse battery", std::nullopt, std::nullopt, std::nullopt};
    if (role == Role::kEnterprise) u.enterprise_id = 1;
    auto created = users_->Create(root, u);
    EXPECT_TRUE(created) << created.error().ToString();
    return *created;
  }

  Actor admin_actor() {
    Actor a = SystemActor();
    a.user_id = admin_.id;
    a.login = admin_.login;
    return a;
  }

  int64_t Count(const char* sql) {
    auto rows = db_->ReadValue([&](storage::Tx& tx) { return tx.Query(storage::Sql{sql}); });
    return rows && !rows->empty() ? (*rows)[0].i64(rows->columns()[0]) : -1;
  }

  fs::path path_;
  ManualClock clock_{FromUnixMillis(1735689600000)};  // 2025-01-01T00:00:00Z
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Auth> auth_;
  std::unique_ptr<Users> users_;
  User admin_;
};

TEST_F(AuthTest, StoresPasswordsAsArgon2idStrings) {
  auto rows = db_->ReadValue([](storage::Tx& tx) { return tx.Query(storage::Sql{"SELECT password_hash FROM users"}); });
  ASSERT_TRUE(rows);
  ASSERT_FALSE(rows->empty());
  for (auto row : *rows) {
    EXPECT_EQ(row.text("password_hash").rfind("$argon2id$", 0), 0u) << row.text("password_hash");
    EXPECT_EQ(row.text("password_hash").find("correct horse"), std::string::npos);
  }
}

TEST_F(AuthTest, LoginOpensSessionKnownOnlyByItsHash) {
  auto s = auth_->Login("admin", "correct horse battery", "127.0.0.1", "test");
  ASSERT_TRUE(s) << s.error().ToString();
  EXPECT_EQ(s->token.rfind("zts_", 0), 0u);
  EXPECT_GE(s->token.size(), 40u);
  auto actor = auth_->Authenticate(s->token);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->login, "admin");
  EXPECT_EQ(actor->role, Role::kAdmin);
  // A copy of the database holds no usable token.
  auto rows = db_->ReadValue([](storage::Tx& tx) { return tx.Query(storage::Sql{"SELECT token_hash FROM sessions"}); });
  ASSERT_EQ(rows->size(), 1u);
  const std::string stored = (*rows)[0].text("token_hash");
  EXPECT_NE(stored, s->token);
  EXPECT_EQ(stored, Sha256Hex(s->token));
  EXPECT_FALSE(auth_->Authenticate(stored));
}

TEST_F(AuthTest, WrongPasswordAndUnknownLoginGiveTheSameAnswer) {
  auto wrong = auth_->Login("admin", "not the password", "10.0.0.1", "");
  auto unknown = auth_->Login("nobody", "not the password", "10.0.0.2", "");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, "access.bad_credentials");
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
}

TEST_F(AuthTest, RepeatedFailuresAreThrottledWithGrowingDelays) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(auth_->Login("admin", "bad password!", "10.0.0.1", "").error().code, "access.bad_credentials");
  }
  // The 4th failure blocks the account for 2 s; the right password does not get through meanwhile.
  EXPECT_EQ(auth_->Login("admin", "bad password!", "10.0.0.1", "").error().code, "access.bad_credentials");
  auto blocked = auth_->Login("admin", "correct horse battery", "10.0.0.9", "");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "access.throttled");
  EXPECT_EQ(blocked.error().kind, ErrorKind::kRateLimited);
  EXPECT_EQ(blocked.error().retry_after_seconds, 2);
  clock_.Advance(3s);
  EXPECT_EQ(auth_->Login("admin", "bad password!", "10.0.0.1", "").error().code, "access.bad_credentials");
  EXPECT_EQ(auth_->Login("admin", "correct horse battery", "10.0.0.9", "").error().retry_after_seconds, 4);
  clock_.Advance(5s);
  EXPECT_TRUE(auth_->Login("admin", "correct horse battery", "10.0.0.9", ""));
  // Success clears the account's count: the next failure is free again.
  EXPECT_EQ(auth_->Login("admin", "bad password!", "10.0.0.9", "").error().code, "access.bad_credentials");
  EXPECT_TRUE(auth_->Login("admin", "correct horse battery", "10.0.0.9", ""));
}

TEST(ThrottleDelay, GrowsByDoublingUpToTheCap) {
  AuthOptions o;
  const std::vector<std::pair<int64_t, int64_t>> cases = {{0, 0}, {1, 0}, {3, 0}, {4, 2}, {5, 4}, {6, 8}, {13, 900}, {1000, 900}};
  for (auto [failures, seconds] : cases) EXPECT_EQ(ThrottleDelaySeconds(failures, o), seconds) << failures;
}

TEST_F(AuthTest, SessionsExpireAndLogoutRevokes) {
  auto s = auth_->Login("admin", "correct horse battery", "127.0.0.1", "");
  ASSERT_TRUE(s);
  clock_.Advance(11h);
  EXPECT_TRUE(auth_->Authenticate(s->token));
  clock_.Advance(2h);
  EXPECT_EQ(auth_->Authenticate(s->token).error().code, "access.session_expired");
  auto s2 = auth_->Login("admin", "correct horse battery", "127.0.0.1", "");
  ASSERT_TRUE(s2);
  ASSERT_TRUE(auth_->Logout(s2->token));
  EXPECT_FALSE(auth_->Authenticate(s2->token));
  EXPECT_TRUE(auth_->Logout(s2->token));  // idempotent
}

TEST_F(AuthTest, CsrfTokenIsBoundToTheSession) {
  auto a = auth_->Login("admin", "correct horse battery", "127.0.0.1", "");
  auto b = auth_->Login("admin", "correct horse battery", "127.0.0.1", "");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->csrf_token, Auth::CsrfFor(a->token));
  EXPECT_NE(a->csrf_token, b->csrf_token);
}

TEST_F(AuthTest, ApiKeysCarryScopesAndCanBeRevoked) {
  Make("program", Role::kDispatcher);
  auto key = users_->CreateApiKey(admin_actor(), "program", "intake robot", {"read"}, std::nullopt);
  ASSERT_TRUE(key) << key.error().ToString();
  EXPECT_EQ(key->secret.rfind("ztk_", 0), 0u);
  auto actor = auth_->Authenticate(key->secret);
  ASSERT_TRUE(actor);
  EXPECT_TRUE(actor->via_api_key);
  EXPECT_EQ(actor->role, Role::kDispatcher);
  EXPECT_TRUE(actor->HasScope("read"));
  EXPECT_FALSE(actor->HasScope("write"));
  EXPECT_EQ(RequireWriteScope(*actor).error().code, "access.scope");
  ASSERT_TRUE(users_->RevokeApiKey(admin_actor(), key->key.id));
  EXPECT_EQ(auth_->Authenticate(key->secret).error().code, "access.bad_api_key");
  EXPECT_EQ(users_->RevokeApiKey(admin_actor(), key->key.id).error().code, "apikey.not_found");
}

TEST_F(AuthTest, DisablingAUserEndsSessionsAndRefusesSignIn) {
  Make("firm", Role::kEnterprise);
  auto s = auth_->Login("firm", "correct horse battery", "127.0.0.1", "");
  ASSERT_TRUE(s);
  ASSERT_TRUE(users_->SetDisabled(admin_actor(), "firm", true));
  EXPECT_FALSE(auth_->Authenticate(s->token));
  EXPECT_EQ(auth_->Login("firm", "correct horse battery", "127.0.0.1", "").error().code, "access.disabled");
}

TEST_F(AuthTest, OnlyAdminsManageUsersAndUsersChangeOnlyTheirOwnPassword) {
  Make("firm", Role::kEnterprise);
  auto s = auth_->Login("firm", "correct horse battery", "127.0.0.1", "");
  ASSERT_TRUE(s);
  Actor firm = *auth_->Authenticate(s->token);
  NewUser other{"other", "其他", Role::kAdmin, "correct horse battery", std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(users_->Create(firm, other).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(users_->SetPassword(firm, "admin", "new password 123", std::nullopt).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(users_->SetPassword(firm, "firm", "new password 123", std::string("wrong")).error().kind,
            ErrorKind::kForbidden);
  ASSERT_TRUE(users_->SetPassword(firm, "firm", "new password 123", std::string("correct horse battery")));
  EXPECT_FALSE(auth_->Authenticate(s->token));  // a new password ends old sessions
  EXPECT_TRUE(auth_->Login("firm", "new password 123", "127.0.0.1", ""));
}

TEST_F(AuthTest, ValidatesNewUsersFieldByField) {
  NewUser bad{"A", "", Role::kEnterprise, "short", std::nullopt, std::nullopt, std::nullopt};
  auto r = users_->Create(admin_actor(), bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "input.invalid");
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"login", "display_name", "password", "enterprise_id"}));
  NewUser dup{"admin", "again", Role::kAdmin, "correct horse battery", std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(users_->Create(admin_actor(), dup).error().code, "user.login_taken");
}

TEST_F(AuthTest, EveryChangeIsAuditedAndTheTrailIsAppendOnly) {
  auto s = auth_->Login("admin", "correct horse battery", "127.0.0.1", "");
  ASSERT_TRUE(s);
  auto entries = db_->ReadValue([](storage::Tx& tx) { return ListAudit(tx, AuditQuery{}); });
  ASSERT_TRUE(entries);
  ASSERT_GE(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].action, "login");            // newest first
  EXPECT_EQ(entries->back().action, "create");
  EXPECT_EQ(entries->back().after["login"], "admin");
  EXPECT_TRUE(entries->back().before.is_null());
  auto tamper = db_->Write([](storage::Tx& tx) -> Result<void> {
    ZT_TRY(tx.Exec(storage::Sql{"UPDATE audit_log SET actor_login = 'someone else'"}));
    return Ok();
  });
  EXPECT_FALSE(tamper);
  auto erase = db_->Write([](storage::Tx& tx) -> Result<void> {
    ZT_TRY(tx.Exec(storage::Sql{"DELETE FROM audit_log"}));
    return Ok();
  });
  EXPECT_FALSE(erase);
  EXPECT_GE(Count("SELECT COUNT(*) AS n FROM audit_log"), 2);
}

}  // namespace
}  // namespace zhitong::access
