#include "directory_service/directory_service.h"

#include <gtest/gtest.h>

#include "access/audit.h"
#include "directory_service/service_test_util.h"

namespace zhitong::directory_service {
namespace {

using testing::DirectoryTest;
using testing::MakeActor;
using testing::TestUscc;
using access::Role;

TEST_P(DirectoryTest, CreatesGetsAndListsEnterprises) {
  SeedCity(6);
  auto page = service_->ListEnterprises(admin_, {});
  ASSERT_TRUE(page) << page.error().ToString();
  EXPECT_EQ(page->total, 6);
  ASSERT_EQ(page->items.size(), 6u);
  const auto& first = page->items[0];
  auto got = service_->GetEnterprise(admin_, first.enterprise.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->enterprise.uscc, first.enterprise.uscc);
  EXPECT_EQ(got->region_name, first.enterprise.region_id == zhangdian_ ? "张店区" : "淄川区");
  EXPECT_EQ(got->enterprise.industry_section, "C");
  EXPECT_EQ(got->version, 1);
  EXPECT_FALSE(got->contact_masked);
}

TEST_P(DirectoryTest, NormalisesInputAsPeopleTypeIt) {
  SeedCity(0);
  auto e = MakeEnterprise(1);
  e.uscc = " " + e.uscc.substr(0, 8) + " " + e.uscc.substr(8);
  for (auto& c : e.uscc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  e.contact_phone = "+86 139 0000 0001";
  auto created = service_->CreateEnterprise(admin_, e);
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_EQ(created->enterprise.uscc, TestUscc(1));
  EXPECT_EQ(created->enterprise.contact_phone, "13900000001");
}

TEST_P(DirectoryTest, DuplicateUsccIsAConflict) {
  SeedCity(1);
  auto again = service_->CreateEnterprise(admin_, MakeEnterprise(1));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(again.error().code, "directory.duplicate_uscc");
}

TEST_P(DirectoryTest, InvalidEnterpriseReportsEveryField) {
  SeedCity(0);
  auto e = MakeEnterprise(1);
  e.uscc = "91370303000000010X";  // wrong check character
  e.name = "淄博";
  e.region_id = 999;
  e.industry_code = "99";
  auto created = service_->CreateEnterprise(admin_, e);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, "directory.invalid_enterprise");
  std::set<std::string> fields;
  for (const auto& f : created.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"uscc", "name", "region_id", "industry_code"}));
}

TEST_P(DirectoryTest, UpdateChecksVersionAndAudits) {
  SeedCity(1);
  auto page = service_->ListEnterprises(admin_, {});
  ASSERT_TRUE(page);
  const int64_t id = page->items[0].enterprise.id;
  auto updated = service_->UpdateEnterprise(admin_, id, 1, [](directory::Enterprise& e) -> Result<void> {
    e.employees = 4242;
    return Ok();
  });
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->enterprise.employees, 4242);
  auto stale = service_->UpdateEnterprise(admin_, id, 1, [](directory::Enterprise&) { return Ok(); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, "directory.version_conflict");
  auto audit = db_->ReadValue([&](storage::Tx& tx) {
    access::AuditQuery q;
    q.entity = "enterprise";
    q.entity_id = std::to_string(id);
    return access::ListAudit(tx, q);
  });
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 2u);  // create, update
  EXPECT_EQ((*audit)[0].action, "update");
  EXPECT_EQ((*audit)[0].before["employees"], 101);
  EXPECT_EQ((*audit)[0].after["employees"], 4242);
}

TEST_P(DirectoryTest, FiltersAndSorts) {
  SeedCity(10);
  auto list = [&](EnterpriseFilter f) {
    auto page = service_->ListEnterprises(admin_, f);
    EXPECT_TRUE(page) << page.error().ToString();
    return page ? *page : Page<EnterpriseView>{};
  };
  EXPECT_EQ(list({.region_id = zhangdian_}).total, 5);
  EXPECT_EQ(list({.region_id = city_id_}).total, 10);  // the city means all
  EXPECT_EQ(list({.industry = "34"}).total, 3);
  EXPECT_EQ(list({.industry = "C"}).total, 10);
  EXPECT_EQ(list({.is_key = true}).total, 2);
  EXPECT_EQ(list({.q = "企业7"}).total, 1);
  EXPECT_EQ(list({.q = TestUscc(3).substr(0, 17)}).total, 1);
  auto top = list({.sort = EnterpriseSort::kRevenueDesc, .limit = 3});
  EXPECT_EQ(top.total, 10);
  ASSERT_EQ(top.items.size(), 3u);
  EXPECT_EQ(top.items[0].enterprise.uscc, TestUscc(10));
  auto second_page = list({.sort = EnterpriseSort::kEmployees, .limit = 3, .offset = 3});
  ASSERT_EQ(second_page.items.size(), 3u);
  EXPECT_EQ(second_page.items[0].enterprise.employees, 104);
  EXPECT_FALSE(ParseEnterpriseSort("salary"));
  EXPECT_EQ(*ParseEnterpriseSort("-revenue"), EnterpriseSort::kRevenueDesc);
  EXPECT_FALSE(service_->ListEnterprises(admin_, {.industry = "ZZ"}));
}

TEST_P(DirectoryTest, ReadsAreScopedAndContactsMasked) {
  SeedCity(4);
  // A district official and a liaison assignment of enterprise 1 to them.
  directory::Official o;
  o.name = "王五";
  o.rank = directory::Rank::kDistrict;
  o.region_id = zhangdian_;
  o.title = "副区长";
  o.liaison_capacity = 5;
  o.active_from = directory::Date{std::chrono::year{2019}, std::chrono::month{1}, std::chrono::day{1}};
  auto official = service_->CreateOfficial(admin_, o);
  ASSERT_TRUE(official) << official.error().ToString();
  auto all = service_->ListEnterprises(admin_, {.sort = EnterpriseSort::kId});
  ASSERT_TRUE(all);
  const auto& e1 = all->items[0].enterprise;  // in 张店区
  const auto& e2 = all->items[1].enterprise;  // in 淄川区
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Result<void> {
    auto n = tx.Exec(storage::Sql{"INSERT INTO liaison_assignments (official_id, enterprise_id, started_at, created_at) "
                                  "VALUES (?, ?, 0, 0)"},
                     official->value.id, e1.id);
    if (!n) return n.error();
    return Ok();
  }));

  auto liaison = MakeActor(Role::kLiaison, 2);
  liaison.official_id = official->value.id;
  auto mine = service_->ListEnterprises(liaison, {});
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->total, 1);
  EXPECT_EQ(mine->items[0].enterprise.contact_phone, "13900000001");
  EXPECT_TRUE(service_->GetEnterprise(liaison, e1.id));
  EXPECT_EQ(service_->GetEnterprise(liaison, e2.id).error().kind, ErrorKind::kNotFound);

  auto district = MakeActor(Role::kLeader, 3);
  district.official_id = official->value.id;
  district.region_id = zhangdian_;
  auto region = service_->ListEnterprises(district, {});
  ASSERT_TRUE(region);
  EXPECT_EQ(region->total, 2);
  EXPECT_EQ(region->items[0].enterprise.contact_name, "张*");
  EXPECT_EQ(region->items[0].enterprise.contact_phone, "139****0001");
  EXPECT_EQ(service_->GetEnterprise(district, e2.id).error().kind, ErrorKind::kNotFound);

  auto own = MakeActor(Role::kEnterprise, 4);
  own.enterprise_id = e2.id;
  auto self = service_->ListEnterprises(own, {});
  ASSERT_TRUE(self);
  EXPECT_EQ(self->total, 1);
  EXPECT_FALSE(self->items[0].contact_masked);
  EXPECT_EQ(service_->GetEnterprise(own, e1.id).error().kind, ErrorKind::kNotFound);

  auto handler = MakeActor(Role::kHandler, 5);
  handler.department_id = 1;
  auto seen = service_->ListEnterprises(handler, {});
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->total, 4);
  EXPECT_TRUE(seen->items[0].contact_masked);
  EXPECT_EQ(service_->ListEnterprises(MakeActor(Role::kPublic, 6), {}).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(service_->CreateEnterprise(MakeActor(Role::kDispatcher, 7), MakeEnterprise(9)).error().kind,
            ErrorKind::kForbidden);
}

TEST_P(DirectoryTest, DepartmentsKeepTheirCategories) {
  SeedCity(0);
  directory::Department dep{0, "human_resources", "淄博市人力资源和社会保障局", "HR", city_id_,
                            {directory::Category::kLabor, directory::Category::kOther}};
  auto created = service_->CreateDepartment(admin_, dep);
  ASSERT_TRUE(created) << created.error().ToString();
  auto rows = db_->ReadValue([&](storage::Tx& tx) {
    return tx.Query(storage::Sql{"SELECT category_code FROM department_categories ORDER BY category_code"});
  });
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].text("category_code"), "labour");  // the request categories' code
  auto updated = service_->UpdateDepartment(admin_, created->value.id, 1, [](directory::Department& d) -> Result<void> {
    d.categories = {directory::Category::kPower};
    return Ok();
  });
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->value.categories, std::vector<directory::Category>{directory::Category::kPower});
  EXPECT_EQ(updated->version, 2);
  auto dup = service_->CreateDepartment(admin_, dep);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
}

TEST_P(DirectoryTest, OfficialsWithConflictsAndRankRules) {
  SeedCity(2);
  directory::Official o;
  o.name = "李四";
  o.rank = directory::Rank::kCity;
  o.region_id = zhangdian_;  // a city leader must belong to the city
  o.active_from = directory::Date{std::chrono::year{2019}, std::chrono::month{1}, std::chrono::day{1}};
  auto wrong = service_->CreateOfficial(admin_, o);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, "directory.invalid_official");
  o.region_id = city_id_;
  auto list = service_->ListEnterprises(admin_, {.sort = EnterpriseSort::kId});
  o.conflicts = {{list->items[0].enterprise.id, "亲属任职"}};
  o.industries = {"26"};
  auto created = service_->CreateOfficial(admin_, o);
  ASSERT_TRUE(created) << created.error().ToString();
  auto got = service_->GetOfficial(admin_, created->value.id);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->value.conflicts.size(), 1u);
  EXPECT_EQ(got->value.conflicts[0].reason, "亲属任职");
  auto page = service_->ListOfficials(admin_, {.rank = directory::Rank::kCity});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 1);
  auto updated = service_->UpdateOfficial(admin_, created->value.id, 1, [](directory::Official& x) -> Result<void> {
    x.conflicts.clear();
    x.title = "副市长";
    return Ok();
  });
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_TRUE(updated->value.conflicts.empty());
  EXPECT_EQ(updated->value.title, "副市长");
}

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kPostgres),
                         testing::DialectTestName);

}  // namespace
}  // namespace zhitong::directory_service
