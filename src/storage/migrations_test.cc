#include "storage/migrations.h"

#include <gtest/gtest.h>

#include "storage/database.h"

namespace zhitong::storage {
namespace {

TEST(Migrations, BothDialectsHaveTheSameNumbers) {
  auto sqlite = EmbeddedMigrations(Dialect::kSqlite);
  auto postgres = EmbeddedMigrations(Dialect::kPostgres);
  ASSERT_TRUE(sqlite) << sqlite.error().ToString();
  ASSERT_TRUE(postgres) << postgres.error().ToString();
  ASSERT_FALSE(sqlite->empty());
  ASSERT_EQ(sqlite->size(), postgres->size());
  for (size_t i = 0; i < sqlite->size(); ++i) {
    EXPECT_EQ((*sqlite)[i].version, (*postgres)[i].version);
    EXPECT_EQ((*sqlite)[i].name, (*postgres)[i].name);
  }
}

TEST(Migrations, StartWithTheStorageTables) {
  auto sqlite = EmbeddedMigrations(Dialect::kSqlite);
  ASSERT_TRUE(sqlite);
  EXPECT_EQ(sqlite->front().version, 1);
  EXPECT_EQ(sqlite->front().name, "storage");
  EXPECT_NE(sqlite->front().sql.find("CREATE TABLE kv"), std::string_view::npos);
}

}  // namespace
}  // namespace zhitong::storage
