#include "directory/validate.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace zhitong::directory {
namespace {

using namespace std::chrono;

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) {
    out.push_back(e.field);
    EXPECT_FALSE(e.message.empty()) << e.field;
    EXPECT_FALSE(e.message_zh.empty()) << e.field;
  }
  return out;
}

Enterprise GoodEnterprise() {
  Enterprise x;
  x.id = 1;
  x.uscc = "91371082775260043P";
  x.name = "淄博华泰化工有限公司";
  x.region_id = 3;
  x.address = "山东省淄博市张店区工业路8号";
  x.industry_code = "26";
  x.industry_section = "C";
  x.above_scale = true;
  x.employees = 320;
  x.annual_revenue = 150'000'000;
  x.contact_name = "王建国";
  x.contact_phone = "19900000001";
  return x;
}

Official GoodOfficial() {
  Official o;
  o.id = 1;
  o.name = "李明";
  o.rank = Rank::kDistrict;
  o.region_id = 3;
  o.title = "副区长";
  o.liaison_capacity = 8;
  o.industries = {"26", "30"};
  o.conflicts = {{42, "亲属在该企业任职"}};
  o.active_from = 2019y / January / 1d;
  return o;
}

TEST(Utf8Length, CountsCodePointsNotBytes) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("淄博市"), 3u);
  EXPECT_EQ(Utf8Length("淄博 Zibo"), 7u);
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1u);  // U+1F600
}

TEST(Utf8Length, RejectsMalformedText) {
  for (std::string bad : {std::string("\xE6\xB7"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                          std::string("\xF4\x90\x80\x80"), std::string("\x80"), std::string("a\xFF")}) {
    EXPECT_FALSE(Utf8Length(bad)) << bad.size();
  }
}

TEST(Phone, AcceptsMobilesAndLandlinesWithAreaCode) {
  for (std::string ok : {"13905330001", "19900000001", "15012345678", "0533-2181234", "05332181234", "010-62345678",
                         "01062345678", "0533-2181234-12", "021-62345678-123456"}) {
    EXPECT_TRUE(IsValidPhone(ok)) << ok;
  }
}

TEST(Phone, RejectsEverythingElse) {
  for (std::string bad : {"", "12345678901", "1390533000", "139053300012", "2181234", "0533-0181234", "0533-1181234",
                          "0533 2181234", "+8613905330001", "0533-2181234-", "0533-2181234-1234567", "139-0533-0001",
                          "O533-2181234", "１３９０５３３０００１"}) {
    EXPECT_FALSE(IsValidPhone(bad)) << bad;
  }
}

TEST(Phone, NormalizeRemovesSpacesAndCountryCode) {
  EXPECT_EQ(NormalizePhone("+86 139 0533 0001"), "13905330001");
  EXPECT_EQ(NormalizePhone("0086-13905330001"), "-13905330001");  // only the listed prefixes
  EXPECT_EQ(NormalizePhone("86-0533-2181234"), "0533-2181234");
  EXPECT_EQ(NormalizePhone("0533-2181234"), "0533-2181234");
}

TEST(ValidateEnterprise, AcceptsAWellFormedEnterprise) {
  EXPECT_EQ(Fields(ValidateEnterprise(GoodEnterprise())), std::vector<std::string>{});
}

struct EnterpriseCase {
  const char* what;
  void (*mutate)(Enterprise&);
  std::vector<std::string> fields;
};

TEST(ValidateEnterprise, ReportsEachBrokenField) {
  const EnterpriseCase cases[] = {
      {"missing uscc", [](Enterprise& x) { x.uscc.clear(); }, {"uscc"}},
      {"bad check", [](Enterprise& x) { x.uscc.back() = 'Q'; }, {"uscc"}},
      {"blank name", [](Enterprise& x) { x.name = "  "; }, {"name"}},
      {"short name", [](Enterprise& x) { x.name = "华泰"; }, {"name"}},
      {"long name", [](Enterprise& x) { x.name = std::string(101 * 3, 'a'); }, {"name"}},
      {"name of 100 Chinese characters is fine",
       [](Enterprise& x) {
         x.name.clear();
         for (int i = 0; i < 100; ++i) x.name += "淄";
       },
       {}},
      {"name of 101 Chinese characters",
       [](Enterprise& x) {
         x.name.clear();
         for (int i = 0; i < 101; ++i) x.name += "淄";
       },
       {"name"}},
      {"broken UTF-8", [](Enterprise& x) { x.address = "\xE6\xB7"; }, {"address"}},
      {"no region", [](Enterprise& x) { x.region_id = 0; }, {"region_id"}},
      {"unknown division", [](Enterprise& x) { x.industry_code = "98"; }, {"industry_code"}},
      {"section mismatch", [](Enterprise& x) { x.industry_section = "B"; }, {"industry_section"}},
      {"negative employees", [](Enterprise& x) { x.employees = -1; }, {"employees"}},
      {"negative revenue", [](Enterprise& x) { x.annual_revenue = -5; }, {"annual_revenue"}},
      {"above scale below threshold", [](Enterprise& x) { x.annual_revenue = 19'999'999; }, {"annual_revenue"}},
      {"at threshold", [](Enterprise& x) { x.annual_revenue = 20'000'000; }, {}},
      {"below threshold but not above scale",
       [](Enterprise& x) {
         x.above_scale = false;
         x.annual_revenue = 1'000'000;
       },
       {}},
      {"bad phone", [](Enterprise& x) { x.contact_phone = "12345"; }, {"contact_phone"}},
      {"no phone is fine", [](Enterprise& x) { x.contact_phone.clear(); }, {}},
      {"landline", [](Enterprise& x) { x.contact_phone = "0533-2181234"; }, {}},
  };
  for (const auto& c : cases) {
    Enterprise x = GoodEnterprise();
    c.mutate(x);
    EXPECT_EQ(Fields(ValidateEnterprise(x)), c.fields) << c.what;
  }
}

TEST(ValidateEnterprise, ReportsAllProblemsAtOnce) {
  Enterprise x;
  auto fields = Fields(ValidateEnterprise(x));
  EXPECT_EQ(fields, (std::vector<std::string>{"uscc", "name", "region_id", "industry_code"}));
  x.employees = -1;
  x.annual_revenue = -1;
  x.contact_phone = "x";
  EXPECT_EQ(Fields(ValidateEnterprise(x)).size(), 7u);
}

TEST(ValidateEnterprise, CarriesTheUsccReason) {
  Enterprise x = GoodEnterprise();
  x.uscc = "91371082775260043p";
  auto errors = ValidateEnterprise(x);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("position 18"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message_zh.find("第18位"), std::string::npos);
}

TEST(ValidateOfficial, AcceptsAWellFormedOfficial) {
  EXPECT_EQ(Fields(ValidateOfficial(GoodOfficial(), RegionKind::kDistrict)), std::vector<std::string>{});
  EXPECT_EQ(Fields(ValidateOfficial(GoodOfficial(), std::nullopt)), std::vector<std::string>{});
}

TEST(ValidateOfficial, RankMustMatchTheRegionKind) {
  struct Case {
    Rank rank;
    RegionKind kind;
    bool ok;
  };
  const Case cases[] = {
      {Rank::kCity, RegionKind::kCity, true},          {Rank::kCity, RegionKind::kDistrict, false},
      {Rank::kCity, RegionKind::kCounty, false},       {Rank::kCity, RegionKind::kZone, false},
      {Rank::kDistrict, RegionKind::kCity, false},     {Rank::kDistrict, RegionKind::kDistrict, true},
      {Rank::kDistrict, RegionKind::kCounty, true},    {Rank::kDistrict, RegionKind::kZone, true},
  };
  for (const auto& c : cases) {
    Official o = GoodOfficial();
    o.rank = c.rank;
    auto fields = Fields(ValidateOfficial(o, c.kind));
    EXPECT_EQ(fields.empty(), c.ok) << Name(c.rank) << " in " << Name(c.kind);
    if (!c.ok) {
      EXPECT_EQ(fields, std::vector<std::string>{"rank"});
    }
  }
}

struct OfficialCase {
  const char* what;
  void (*mutate)(Official&);
  std::vector<std::string> fields;
};

TEST(ValidateOfficial, ReportsEachBrokenField) {
  const OfficialCase cases[] = {
      {"no name", [](Official& o) { o.name.clear(); }, {"name"}},
      {"no region", [](Official& o) { o.region_id = -3; }, {"region_id"}},
      {"bad department", [](Official& o) { o.department_id = 0; }, {"department_id"}},
      {"negative capacity", [](Official& o) { o.liaison_capacity = -1; }, {"liaison_capacity"}},
      {"huge capacity", [](Official& o) { o.liaison_capacity = kMaxLiaisonCapacity + 1; }, {"liaison_capacity"}},
      {"zero capacity is allowed", [](Official& o) { o.liaison_capacity = 0; }, {}},
      {"bad industry", [](Official& o) { o.industries = {"26", "C", "30"}; }, {"industries[1]"}},
      {"duplicate industry", [](Official& o) { o.industries = {"26", "26"}; }, {"industries[1]"}},
      {"conflict without enterprise", [](Official& o) { o.conflicts = {{0, ""}}; }, {"conflicts[0].enterprise_id"}},
      {"duplicate conflict", [](Official& o) { o.conflicts = {{5, ""}, {5, "x"}}; }, {"conflicts[1].enterprise_id"}},
      {"end before start", [](Official& o) { o.active_to = 2018y / December / 31d; }, {"active_to"}},
      {"same day is fine", [](Official& o) { o.active_to = 2019y / January / 1d; }, {}},
      {"invalid start", [](Official& o) { o.active_from = 2019y / February / 30d; }, {"active_from"}},
      {"invalid end", [](Official& o) { o.active_to = 2021y / 13 / 1d; }, {"active_to"}},
  };
  for (const auto& c : cases) {
    Official o = GoodOfficial();
    c.mutate(o);
    EXPECT_EQ(Fields(ValidateOfficial(o, RegionKind::kDistrict)), c.fields) << c.what;
  }
}

TEST(ValidateRegion, ChecksCodeKindAndParent) {
  Region city{1, "370300", "淄博市", "Zibo", RegionKind::kCity, std::nullopt};
  Region district{3, "370303", "张店区", "Zhangdian District", RegionKind::kDistrict, 1};
  EXPECT_TRUE(ValidateRegion(city).empty());
  EXPECT_TRUE(ValidateRegion(district).empty());

  Region r = city;
  r.parent_id = 9;
  EXPECT_EQ(Fields(ValidateRegion(r)), std::vector<std::string>{"parent_id"});
  r = city;
  r.code = "370000";
  EXPECT_EQ(Fields(ValidateRegion(r)), std::vector<std::string>{"code"});
  r = district;
  r.code = "37030";
  EXPECT_EQ(Fields(ValidateRegion(r)), std::vector<std::string>{"code"});
  r = district;
  r.code = "370300";
  EXPECT_EQ(Fields(ValidateRegion(r)), std::vector<std::string>{"code"});
  r = district;
  r.parent_id.reset();
  r.name.clear();
  EXPECT_EQ(Fields(ValidateRegion(r)), (std::vector<std::string>{"name", "parent_id"}));
  r = district;
  r.parent_id = r.id;
  EXPECT_EQ(Fields(ValidateRegion(r)), std::vector<std::string>{"parent_id"});
}

TEST(ValidateDepartment, ChecksCodeNameRegionAndCategories) {
  Department d{1, "human_resources", "淄博市人力资源和社会保障局", "Human Resources and Social Security Bureau", 1,
               {Category::kLabor}};
  EXPECT_TRUE(ValidateDepartment(d).empty());
  Department bad = d;
  bad.code = "Human-Resources";
  bad.region_id = 0;
  bad.categories = {Category::kLabor, Category::kTax, Category::kLabor};
  EXPECT_EQ(Fields(ValidateDepartment(bad)), (std::vector<std::string>{"code", "region_id", "categories[2]"}));
  bad = d;
  bad.categories.clear();
  bad.code = "1abc";
  EXPECT_EQ(Fields(ValidateDepartment(bad)), (std::vector<std::string>{"code", "categories"}));
}

TEST(ToResult, WrapsFieldErrorsInOneInvalidError) {
  EXPECT_TRUE(ToResult({}, "enterprise"));
  auto r = ToResult(ValidateEnterprise(Enterprise{}), "enterprise");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "directory.invalid_enterprise");
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(r.error().fields.size(), 4u);
  EXPECT_EQ(r.error().message, "the enterprise has 4 invalid fields");
  EXPECT_EQ(r.error().message_zh, "有4项填写有误");
}

}  // namespace
}  // namespace zhitong::directory
