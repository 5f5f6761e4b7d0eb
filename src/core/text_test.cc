#include "core/text.h"

#include <gtest/gtest.h>

namespace zhitong {
namespace {

TEST(TextTest, BlankIsOnlyWhiteSpaceIncludingTheIdeographicSpace) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\r\n"));
  EXPECT_TRUE(IsBlank("\xE3\x80\x80"));           // 全角空格
  EXPECT_TRUE(IsBlank(" \xE3\x80\x80\xE3\x80\x80 "));
  EXPECT_FALSE(IsBlank("融资"));
  EXPECT_FALSE(IsBlank(" a "));
  EXPECT_FALSE(IsBlank("\xE3\x80"));               // a cut ideographic space is not space
  EXPECT_FALSE(IsBlank("\xE3\x80\x81"));           // 、 (U+3001) shares the first two bytes
}

}  // namespace
}  // namespace zhitong
