#include "requests/search_terms.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace zhitong::requests {
namespace {

std::set<std::string> Split(const std::string& tokens) {
  std::set<std::string> out;
  std::istringstream in(tokens);
  for (std::string t; in >> t;) out.insert(t);
  return out;
}

TEST(SearchTerms, FoldsOnlyAsciiLetters) {
  EXPECT_EQ(FoldForSearch("ABC 用工 Xyz-Ä"), "abc 用工 xyz-Ä");
}

TEST(SearchTerms, GramTokenIsHexOfTheUtf8Bytes) {
  EXPECT_EQ(GramToken("用工"), "ge794a8e5b7a5");
  EXPECT_EQ(GramToken(" "), "g20");
  EXPECT_EQ(GramToken("\""), "g22");
}

TEST(SearchTerms, GramTokensAreTheDistinctUnigramsAndBigrams) {
  const auto tokens = Split(GramTokens("用工用工"));
  EXPECT_EQ(tokens, (std::set<std::string>{GramToken("用"), GramToken("工"), GramToken("用工"), GramToken("工用")}));
  EXPECT_EQ(Split(GramTokens("a b")),
            (std::set<std::string>{GramToken("a"), GramToken(" "), GramToken("b"), GramToken("a "), GramToken(" b")}));
  EXPECT_EQ(GramTokens(""), "");
  // A stray byte is a character of its own, never dropped.
  EXPECT_EQ(Split(GramTokens("\xff")), (std::set<std::string>{"gff"}));
}

TEST(SearchTerms, EveryGramOfAnySubstringOfLengthOneOrTwoIsIndexed) {
  const std::string text = "淄博市张店区，供电线路老化 (ABC) 用工";
  const auto tokens = Split(GramTokens(FoldForSearch(text)));
  for (const std::string query : {"淄", "博市", "，供", " (", "c)", "工", "化 "}) {
    EXPECT_TRUE(tokens.count(GramToken(FoldForSearch(query)))) << query;
  }
  EXPECT_FALSE(tokens.count(GramToken("工用")));
}

TEST(SearchTerms, PhraseDoublesQuotes) {
  EXPECT_EQ(FtsPhrase("供电线路"), "\"供电线路\"");
  EXPECT_EQ(FtsPhrase("a\"b"), "\"a\"\"b\"");
}

TEST(SearchTerms, PathByCharacterCount) {
  EXPECT_EQ(SearchPathFor(""), SearchPath::kNone);
  EXPECT_EQ(SearchPathFor("电"), SearchPath::kGram);
  EXPECT_EQ(SearchPathFor("用工"), SearchPath::kGram);
  EXPECT_EQ(SearchPathFor("ab"), SearchPath::kGram);
  EXPECT_EQ(SearchPathFor("供电局"), SearchPath::kTrigram);
  EXPECT_EQ(SearchPathFor("abc"), SearchPath::kTrigram);
}

}  // namespace
}  // namespace zhitong::requests
