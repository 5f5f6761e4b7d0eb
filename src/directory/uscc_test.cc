#include "directory/uscc.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace zhitong::directory {
namespace {

struct Published {
  const char* code;
  const char* holder;
  const char* source;
};

// Real, publicly published codes. Each must validate.
const std::vector<Published>& PublishedCodes() {
  static const std::vector<Published> codes = {
      {"914403001922038216", "华为技术有限公司", "zh.wikipedia.org 華爲 infobox (機構代碼)"},
      {"91440300708461136T", "深圳市腾讯计算机系统有限公司", "https://check-china.com/example_report/en/8"},
      {"9144030071526726XG", "腾讯科技（深圳）有限公司",
       "https://www.chinacheckup.com/blogs/articles/unified-social-credit-code"},
      {"91110000710926094P", "中国石油化工股份有限公司",
       "https://www.chinacheckup.com/blogs/articles/unified-social-credit-code"},
      {"91310000631696382C", "宝山钢铁股份有限公司",
       "https://www.chinacheckup.com/blogs/articles/unified-social-credit-code"},
      // The next five are from python-stdnum tests/test_cn_uscc.doctest ("found online"); they
      // cover a 事业单位 (12), an 个体工商户 (92), post-2015 "MA" bodies and an 'X' at position 17.
      {"121200004013590816", "事业单位, Tianjin", "python-stdnum tests/test_cn_uscc.doctest"},
      {"91371082775260043P", "企业, 荣成市 (Shandong)", "python-stdnum tests/test_cn_uscc.doctest"},
      {"92340602MA2PBMEM24", "个体工商户, Huaibei", "python-stdnum tests/test_cn_uscc.doctest"},
      {"91340600MA2PBM9HXD", "企业, Huaibei", "python-stdnum tests/test_cn_uscc.doctest"},
      {"9115220107837757XE", "企业, Ulanhot", "python-stdnum tests/test_cn_uscc.doctest"},
  };
  return codes;
}

std::string ErrorOf(std::string_view code) {
  auto r = ValidateUscc(code);
  return r ? std::string() : r.error().message + " | " + r.error().message_zh;
}

TEST(Uscc, PublishedCodesValidate) {
  for (const auto& p : PublishedCodes()) {
    auto r = ValidateUscc(p.code);
    EXPECT_TRUE(r) << p.code << " (" << p.holder << ", " << p.source << "): " << ErrorOf(p.code);
  }
}

TEST(Uscc, EverySingleCharacterSubstitutionFails) {
  for (const auto& p : PublishedCodes()) {
    const std::string code = p.code;
    for (size_t i = 0; i < code.size(); ++i) {
      for (char c : kUsccAlphabet) {
        if (c == code[i]) continue;
        std::string bad = code;
        bad[i] = c;
        EXPECT_FALSE(ValidateUscc(bad)) << bad << " (from " << code << ", position " << i + 1 << ")";
      }
    }
  }
}

TEST(Uscc, AdjacentTranspositionsFail) {
  for (const auto& p : PublishedCodes()) {
    const std::string code = p.code;
    for (size_t i = 0; i + 1 < code.size(); ++i) {
      if (code[i] == code[i + 1]) continue;
      std::string bad = code;
      std::swap(bad[i], bad[i + 1]);
      EXPECT_FALSE(ValidateUscc(bad)) << bad << " (from " << code << ", positions " << i + 1 << "–" << i + 2 << ")";
    }
  }
}

struct BadCase {
  std::string code;
  std::string expect_en;  // a fragment of the English message
  std::string expect_zh;  // a fragment of the Chinese message
};

TEST(Uscc, RejectsWithThePositionAndWhatWasExpected) {
  const std::vector<BadCase> cases = {
      {"", "must be 18 characters, got 0", "应为18位，实为0位"},
      {"91440300192203821", "must be 18 characters, got 17", "实为17位"},
      {"9144030019220382161", "must be 18 characters, got 19", "实为19位"},
      {"9144030071526726xg", "position 17: lowercase 'x'", "第17位“x”为小写字母"},
      {"914403001922O38216", "position 13: 'O' is not used", "第13位“O”不可使用"},
      {"9I4403001922038216", "position 2: 'I' is not used", "第2位"},
      {"91440300192203821S", "position 18: 'S' is not used", "第18位"},
      {"91440300-922038216", "position 9 is not a digit or capital letter", "第9位不是数字或大写字母"},
      // Full-width digit: 18 characters, but not ASCII.
      {"91440300192203821\xEF\xBC\x96", "position 18 is not a digit or capital letter", "第18位"},
      {"B14403001922038216", "position 1: 'B' is not a registration authority code", "第1位“B”不是登记管理部门代码"},
      {"94440300192203821X", "position 2: '4' is not an organisation type of authority '9' (expected one of 123)",
       "应为123之一"},
      {"Y24403001922038216", "position 2: '2' is not an organisation type of authority 'Y' (expected one of 1)", "第2位"},
      {"9144A3001922038216", "position 5: the administrative division code (positions 3–8) must be digits", "第5位"},
      {"91990300192203821X", "positions 3–8: '990300' is not an administrative division code", "第3–8位“990300”"},
      {"91100100192203821X", "positions 3–8: '100100'", "不是行政区划码"},
      {"914403001922038226", "position 17: the organisation code check character should be '1', found '2'",
       "第17位：组织机构代码校验码应为“1”，实为“2”"},
      {"914403001922038217", "position 18: the check character should be '6', found '7'",
       "第18位：校验码应为“6”，实为“7”"},
  };
  for (const auto& c : cases) {
    auto r = ValidateUscc(c.code);
    ASSERT_FALSE(r) << c.code;
    EXPECT_EQ(r.error().code, "uscc.invalid");
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
    EXPECT_NE(r.error().message.find(c.expect_en), std::string::npos) << c.code << ": " << r.error().message;
    EXPECT_NE(r.error().message_zh.find(c.expect_zh), std::string::npos) << c.code << ": " << r.error().message_zh;
  }
}

TEST(Uscc, LowercaseIsRejectedButNormalizeUsccFixesIt) {
  EXPECT_FALSE(ValidateUscc("9144030071526726xg"));
  EXPECT_EQ(NormalizeUscc("9144030071526726xg"), "9144030071526726XG");
  EXPECT_TRUE(ValidateUscc(NormalizeUscc("9144030071526726xg")));
}

TEST(Uscc, NormalizeRemovesWhitespaceAndKeepsOtherCharacters) {
  EXPECT_EQ(NormalizeUscc(" 91 110000 710926094p\t"), "91110000710926094P");
  EXPECT_EQ(NormalizeUscc("91-110000"), "91-110000");
  EXPECT_EQ(NormalizeUscc(""), "");
}

TEST(Uscc, ComputesCheckCharacters) {
  EXPECT_EQ(OrgCodeCheckCharacter("19220382").value(), '1');
  EXPECT_EQ(OrgCodeCheckCharacter("71526726").value(), 'X');
  EXPECT_EQ(UsccCheckCharacter("91440300192203821").value(), '6');
  EXPECT_EQ(UsccCheckCharacter("9144030071526726X").value(), 'G');
  for (const auto& p : PublishedCodes()) {
    std::string code = p.code;
    EXPECT_EQ(CompleteUscc(code.substr(0, 16)).value(), code);
    EXPECT_EQ(UsccCheckCharacter(code.substr(0, 17)).value(), code[17]);
  }
}

TEST(Uscc, CheckCharacterFunctionsRejectBadPrefixes) {
  EXPECT_FALSE(OrgCodeCheckCharacter("1922038"));
  EXPECT_FALSE(OrgCodeCheckCharacter("1922038a"));
  EXPECT_FALSE(UsccCheckCharacter("9144030019220382"));
  EXPECT_FALSE(UsccCheckCharacter("9144030019220382I"));
  EXPECT_FALSE(CompleteUscc("914403001922038"));
  EXPECT_FALSE(CompleteUscc("914403001922038O"));
  EXPECT_EQ(CompleteUscc("x").error().code, "uscc.invalid_prefix");
}

TEST(Uscc, AlphabetHas31CharactersWithoutIOZSV) {
  EXPECT_EQ(kUsccAlphabet.size(), 31u);
  for (char c : std::string_view("IOZSV")) EXPECT_EQ(UsccCharValue(c), -1);
  EXPECT_EQ(UsccCharValue('0'), 0);
  EXPECT_EQ(UsccCharValue('A'), 10);
  EXPECT_EQ(UsccCharValue('Y'), 30);
  EXPECT_EQ(UsccCharValue('a'), -1);
}

TEST(Uscc, NamesAuthoritiesAndTypes) {
  EXPECT_EQ(UsccAuthorityNameZh('9'), "工商");
  EXPECT_EQ(UsccAuthorityNameZh('N'), "农业");
  EXPECT_EQ(UsccAuthorityNameZh('B'), "");
  EXPECT_EQ(UsccOrgTypeNameZh('9', '1'), "企业");
  EXPECT_EQ(UsccOrgTypeNameZh('9', '2'), "个体工商户");
  EXPECT_EQ(UsccOrgTypeNameZh('1', '2'), "事业单位");
  EXPECT_EQ(UsccOrgTypeNameZh('9', '9'), "");
}

}  // namespace
}  // namespace zhitong::directory
