#include "directory_service/scope.h"

#include <gtest/gtest.h>

#include "directory_service/category_codes.h"

namespace zhitong::directory_service {
namespace {

TEST(MaskTest, NamesKeepTheirFirstCharacter) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskName("李"), "李*");
  EXPECT_EQ(MaskName(""), "");
}

TEST(MaskTest, PhonesKeepThreeAndFour) {
  EXPECT_EQ(MaskPhone("13900000001"), "139****0001");
  EXPECT_EQ(MaskPhone("0533-2181234"), "053*****1234");
  EXPECT_EQ(MaskPhone("12345"), "*****");
  EXPECT_EQ(MaskPhone(""), "");
}

TEST(ScopeTest, EachRoleReadsWhatTheTableSays) {
  using access::Role;
  auto actor = [](Role r) {
    access::Actor a;
    a.user_id = 1;
    a.role = r;
    a.official_id = 7;
    a.enterprise_id = 9;
    return a;
  };
  EXPECT_EQ(EnterpriseScopeOf(actor(Role::kAdmin))->rows, RowScope::kAll);
  EXPECT_TRUE(EnterpriseScopeOf(actor(Role::kDispatcher))->contacts_visible);
  EXPECT_FALSE(EnterpriseScopeOf(actor(Role::kLeader))->contacts_visible);
  auto district = actor(Role::kLeader);
  district.region_id = 3;
  EXPECT_EQ(EnterpriseScopeOf(district)->rows, RowScope::kRegion);
  EXPECT_EQ(OfficialScopeOf(district)->rows, RowScope::kRegion);
  EXPECT_EQ(EnterpriseScopeOf(actor(Role::kLiaison))->rows, RowScope::kAssigned);
  EXPECT_TRUE(EnterpriseScopeOf(actor(Role::kLiaison))->contacts_visible);
  EXPECT_EQ(EnterpriseScopeOf(actor(Role::kHandler))->rows, RowScope::kAll);
  EXPECT_FALSE(EnterpriseScopeOf(actor(Role::kHandler))->contacts_visible);
  EXPECT_EQ(EnterpriseScopeOf(actor(Role::kEnterprise))->rows, RowScope::kSelf);
  EXPECT_FALSE(EnterpriseScopeOf(actor(Role::kPublic)));
  EXPECT_FALSE(OfficialScopeOf(actor(Role::kHandler)));
  EXPECT_FALSE(OfficialScopeOf(actor(Role::kEnterprise)));
  EXPECT_FALSE(RequireDirectoryReader(actor(Role::kPublic)));
  EXPECT_TRUE(RequireDirectoryReader(actor(Role::kEnterprise)));
  EXPECT_FALSE(RequireDirectoryWriter(actor(Role::kDispatcher)));
  auto read_only = actor(Role::kAdmin);
  read_only.scopes = {"read"};
  EXPECT_FALSE(RequireDirectoryWriter(read_only));
}

TEST(CategoryCodesTest, EveryCategoryMapsToARequestCodeAndBack) {
  for (auto c : directory::All<directory::Category>()) {
    auto back = CategoryFromCode(RequestCategoryCode(c));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, c);
  }
  EXPECT_EQ(RequestCategoryCode(directory::Category::kLabor), "labour");
  EXPECT_EQ(*CategoryFromCode("labor"), directory::Category::kLabor);  // the directory's own name
  EXPECT_FALSE(CategoryFromCode("weather"));
}

}  // namespace
}  // namespace zhitong::directory_service
