#include "storage/like.h"

#include <gtest/gtest.h>

namespace zhitong::storage {
namespace {

TEST(LikeTest, EscapesLikesOwnCharactersOnly) {
  EXPECT_EQ(LikeEscaped("融资_100%\\"), "融资\\_100\\%\\\\");
  EXPECT_EQ(LikeEscaped("plain 文本"), "plain 文本");
  EXPECT_EQ(LikeContains("a%b"), "%a\\%b%");
  EXPECT_EQ(LikeContains(""), "%%");
}

}  // namespace
}  // namespace zhitong::storage
