#include "open311/form.h"

#include <gtest/gtest.h>

namespace zhitong::open311 {
namespace {

TEST(Open311FormTest, DecodesPlusPercentAndKeepsOrder) {
  auto f = ParseForm("api_key=xyz&address_string=1234+5th+street&email=smit333%40sfgov.edu&attribute[kind]=question&&x");
  ASSERT_TRUE(f) << f.error().ToString();
  ASSERT_EQ(f->size(), 5u);
  EXPECT_EQ((*f)[1], (std::pair<std::string, std::string>{"address_string", "1234 5th street"}));
  EXPECT_EQ((*f)[2].second, "smit333@sfgov.edu");
  EXPECT_EQ((*f)[3].first, "attribute[kind]");
  EXPECT_EQ((*f)[4], (std::pair<std::string, std::string>{"x", ""}));
}

TEST(Open311FormTest, DecodesUtf8) {
  auto f = ParseForm("description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE");
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)[0].second, "路灯不亮");
}

TEST(Open311FormTest, RefusesMalformedEscapes) {
  for (const char* body : {"a=%", "a=%4", "a=%G1", "%zz=1"}) {
    auto f = ParseForm(body);
    ASSERT_FALSE(f) << body;
    EXPECT_EQ(f.error().code, "open311.form_malformed");
  }
}

}  // namespace
}  // namespace zhitong::open311
