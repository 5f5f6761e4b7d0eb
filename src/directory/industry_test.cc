#include "directory/industry.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace zhitong::directory {
namespace {

TEST(Industry, HasTwentySectionsAndNinetySevenDivisions) {
  EXPECT_EQ(IndustrySections().size(), 20u);
  EXPECT_EQ(IndustryDivisions().size(), 97u);
  EXPECT_EQ(IndustrySections().front().letter, 'A');
  EXPECT_EQ(IndustrySections().back().letter, 'T');
}

TEST(Industry, DivisionsAreNumberedWithoutGapsAndBelongToAKnownSection) {
  int expected = 1;
  char previous_section = 'A';
  for (const auto& d : IndustryDivisions()) {
    char buf[3] = {static_cast<char>('0' + expected / 10), static_cast<char>('0' + expected % 10), 0};
    EXPECT_EQ(d.code, buf);
    EXPECT_TRUE(FindIndustrySection(d.section)) << d.code;
    EXPECT_GE(d.section, previous_section) << d.code << ": sections run in order";
    EXPECT_FALSE(d.name_zh.empty());
    EXPECT_FALSE(d.name_en.empty());
    previous_section = d.section;
    ++expected;
  }
}

TEST(Industry, DivisionCountsPerSectorMatchTheStandard) {
  // A: 5 divisions; B–E (secondary sector): 45; F–T (tertiary): 47.
  int a = 0, secondary = 0, tertiary = 0;
  std::set<char> sections;
  for (const auto& d : IndustryDivisions()) {
    sections.insert(d.section);
    if (d.section == 'A') ++a;
    else if (d.section <= 'E') ++secondary;
    else ++tertiary;
  }
  EXPECT_EQ(a, 5);
  EXPECT_EQ(secondary, 45);
  EXPECT_EQ(tertiary, 47);
  EXPECT_EQ(sections.size(), 20u) << "every section has a division";
}

struct LookupCase {
  std::string code;
  char section;
  std::string name_zh;
};

TEST(Industry, LooksUpZiboIndustries) {
  const LookupCase cases[] = {
      {"26", 'C', "化学原料和化学制品制造业"},
      {"27", 'C', "医药制造业"},
      {"29", 'C', "橡胶和塑料制品业"},
      {"30", 'C', "非金属矿物制品业"},
      {"34", 'C', "通用设备制造业"},
      {"35", 'C', "专用设备制造业"},
      {"01", 'A', "农业"},
      {"06", 'B', "煤炭开采和洗选业"},
      {"44", 'D', "电力、热力生产和供应业"},
      {"65", 'I', "软件和信息技术服务业"},
      {"97", 'T', "国际组织"},
  };
  for (const auto& c : cases) {
    auto d = FindIndustryDivision(c.code);
    ASSERT_TRUE(d) << c.code;
    EXPECT_EQ(d->section, c.section) << c.code;
    EXPECT_EQ(d->name_zh, c.name_zh);
    EXPECT_EQ(SectionOfDivision(c.code), c.section);
    EXPECT_TRUE(ValidateIndustryDivision(c.code));
  }
}

TEST(Industry, RejectsWhatIsNotADivision) {
  for (std::string bad : {"", "0", "00", "98", "99", "260", "2a", "C", " 26", "２６"}) {
    EXPECT_FALSE(FindIndustryDivision(bad)) << bad;
    EXPECT_FALSE(SectionOfDivision(bad)) << bad;
    auto r = ValidateIndustryDivision(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "industry.unknown_division");
    EXPECT_NE(r.error().message_zh.find("行业大类代码"), std::string::npos);
  }
}

TEST(Industry, IndustrialMeansMiningManufacturingAndUtilities) {
  EXPECT_TRUE(IsIndustrialDivision("06"));
  EXPECT_TRUE(IsIndustrialDivision("26"));
  EXPECT_TRUE(IsIndustrialDivision("46"));
  EXPECT_FALSE(IsIndustrialDivision("05"));
  EXPECT_FALSE(IsIndustrialDivision("47"));
  EXPECT_FALSE(IsIndustrialDivision("xx"));
}

TEST(Industry, FindsSections) {
  EXPECT_EQ(FindIndustrySection('C')->name_zh, "制造业");
  EXPECT_FALSE(FindIndustrySection('U'));
  EXPECT_FALSE(FindIndustrySection('c'));
}

}  // namespace
}  // namespace zhitong::directory
