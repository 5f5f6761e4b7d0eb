// Database::Open: URL forms and what Open does to the file system.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "storage/database.h"
#include "storage/testing/test_database.h"

namespace zhitong::storage {
namespace {

TEST(Open, RejectsAnUnknownSchemeWithoutEchoingTheUrl) {
  for (const char* url : {"mysql://root:secret@db/x", "", "sqlite:", "postgres:/nohost"}) {
    auto db = Database::Open(url);
    ASSERT_FALSE(db) << url;
    EXPECT_EQ(db.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(db.error().code, "storage.bad_url");
    EXPECT_FALSE(db.error().message_zh.empty());
    EXPECT_EQ(db.error().message.find("secret"), std::string::npos);
  }
}

TEST(Open, MemoryDatabaseShowsWritesToReaders) {
  auto db = Database::Open("sqlite::memory:");
  ASSERT_TRUE(db) << db.error().ToString();
  EXPECT_EQ((*db)->dialect(), Dialect::kSqlite);
  ASSERT_TRUE((*db)->Write([](Tx& tx) -> Result<void> {
    ZT_TRY(tx.Exec(Sql("INSERT INTO kv (key, value, updated_at) VALUES ('m', '内存', 1)")));
    return Ok();
  }));
  auto value = (*db)->ReadValue([](Tx& tx) -> Result<std::string> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql("SELECT value FROM kv WHERE key = 'm'")));
    if (rows.empty()) return Error::NotFound("test.none", "missing", "缺失");
    return rows[0].text("value");
  });
  ASSERT_TRUE(value) << value.error().ToString();
  EXPECT_EQ(*value, "内存");
  // Two memory databases are separate.
  auto other = Database::Open("sqlite::memory:");
  ASSERT_TRUE(other);
  auto count = (*other)->ReadValue([](Tx& tx) -> Result<int64_t> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql("SELECT COUNT(*) AS n FROM kv")));
    return rows[0].i64("n");
  });
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);
}

TEST(Open, CreatesTheParentFolderOfAnSqliteFile) {
  std::string why;
  auto target = testing::TestDatabase::Create(Dialect::kSqlite, &why);
  ASSERT_TRUE(target);
  const auto file = target->folder() / "a" / "b" / "zhitong.db";
  auto db = Database::Open("sqlite:" + file.string());
  ASSERT_TRUE(db) << db.error().ToString();
  EXPECT_TRUE(std::filesystem::exists(file));
  auto version = (*db)->SchemaVersion();
  ASSERT_TRUE(version);
  EXPECT_GE(*version, 1);
}

TEST(Open, WithoutMigrateLeavesAnEmptyDatabaseAtVersionZero) {
  std::string why;
  auto target = testing::TestDatabase::Create(Dialect::kSqlite, &why);
  ASSERT_TRUE(target);
  Options options;
  options.migrate = false;
  auto db = Database::Open(target->url(), options);
  ASSERT_TRUE(db) << db.error().ToString();
  auto version = (*db)->SchemaVersion();
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, 0);
  auto migrated = (*db)->Migrate();
  ASSERT_TRUE(migrated);
  EXPECT_GE(*migrated, 1);
}

TEST(Open, UnreachablePostgresIsUnavailable) {
  // Port 1 on loopback: nothing listens there.
  auto db = Database::Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(db.error().code, "storage.unavailable");
}

}  // namespace
}  // namespace zhitong::storage
