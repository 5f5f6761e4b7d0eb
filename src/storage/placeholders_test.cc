#include "storage/placeholders.h"

#include <gtest/gtest.h>

namespace zhitong::storage {
namespace {

struct Case {
  const char* in;
  const char* out;
  int count;
};

TEST(RewritePlaceholders, NumbersOnlyPlaceholdersOutsideQuotesAndComments) {
  const Case cases[] = {
      {"SELECT 1", "SELECT 1", 0},
      {"SELECT ?, ?", "SELECT $1, $2", 2},
      {"WHERE a = ? AND b = '?'", "WHERE a = $1 AND b = '?'", 1},
      {"VALUES ('it''s ?', ?)", "VALUES ('it''s ?', $1)", 1},
      {"VALUES (E'a\\'?', ?)", "VALUES (E'a\\'?', $1)", 1},
      {"SELECT \"odd?name\" FROM t WHERE x = ?", "SELECT \"odd?name\" FROM t WHERE x = $1", 1},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
      {"SELECT /* ? */ ?", "SELECT /* ? */ $1", 1},
      {"SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1", 1},
      {"SELECT $fn$ a ? b $fn$, ?", "SELECT $fn$ a ? b $fn$, $1", 1},
      {"SELECT ?::bigint", "SELECT $1::bigint", 1},
      {"SELECT '诉求？?' , ?", "SELECT '诉求？?' , $1", 1},
      {"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
  };
  for (const auto& c : cases) {
    const RewrittenSql r = RewritePlaceholders(c.in);
    EXPECT_EQ(r.text, c.out) << c.in;
    EXPECT_EQ(r.placeholders, c.count) << c.in;
  }
}

TEST(RewritePlaceholders, CountsBeyondNine) {
  const RewrittenSql r = RewritePlaceholders("?,?,?,?,?,?,?,?,?,?,?");
  EXPECT_EQ(r.text, "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11");
  EXPECT_EQ(r.placeholders, 11);
}

}  // namespace
}  // namespace zhitong::storage
