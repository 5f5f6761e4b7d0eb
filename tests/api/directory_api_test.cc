// The directory API end to end: writes with validation, version conflicts and duplicate codes;
// imports over HTTP (all or nothing, with the row report), exports and the CLI.
#include <gtest/gtest.h>

#include <fstream>

#include "api/server_fixture.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

class DirectoryApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>("dir_api");
    ASSERT_TRUE(server_->ok());
    token_ = server_->Login("admin", ServerProcess::kAdminPassword);
    ASSERT_FALSE(token_.empty());
    city_ = Post("/api/v1/regions", {{"code", "370300"}, {"name", "淄博市"}, {"kind", "city"}})["id"];
    district_ = Post("/api/v1/regions", {{"code", "370303"}, {"name", "张店区"}, {"kind", "district"}, {"parent_id", city_}})["id"];
  }
  json Post(const std::string& path, const json& body, int expected = 201) {
    auto r = server_->client().PostJson(path, body.dump(), Bearer(token_));
    EXPECT_EQ(r.status, expected) << path << ": " << r.body;
    return JsonBody(r);
  }
  HttpResult Send(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& type = "application/json") {
    auto headers = Bearer(token_);
    if (!body.empty()) headers.emplace_back("Content-Type", type);
    return server_->client().Send(method, path, body, headers);
  }

  std::unique_ptr<ServerProcess> server_;
  std::string token_;
  int64_t city_ = 0, district_ = 0;
};

// Valid codes of enterprises registered in 张店区 (GB 32100-2015 check characters).
constexpr const char* kUscc1 = "913703037777777752";
constexpr const char* kUscc2 = "91370303000000019C";

TEST_F(DirectoryApiTest, EnterpriseWritesValidateConflictAndVersion) {
  json e = {{"uscc", kUscc1}, {"name", "淄博接口测试有限公司"}, {"region_id", district_}, {"industry_code", "26"},
            {"contact_name", "张三"}, {"contact_phone", "+86 139 0533 0001"}};
  json created = Post("/api/v1/enterprises", e);
  EXPECT_EQ(created["contact_phone"], "13905330001");
  EXPECT_EQ(created["industry_section"], "C");
  EXPECT_EQ(created["region_name"], "张店区");
  // The same USCC again.
  json dup = Post("/api/v1/enterprises", e, 409);
  EXPECT_EQ(dup["error"]["code"], "directory.duplicate_uscc");
  // Every bad field at once, bilingual.
  json bad = Post("/api/v1/enterprises", {{"uscc", "91370303777777775X"}, {"name", "淄博"}, {"region_id", 99},
                                          {"industry_code", "99"}}, 400);
  EXPECT_EQ(bad["error"]["fields"].size(), 4u) << bad.dump();
  // PATCH with the version read, then with a stale one.
  const std::string path = "/api/v1/enterprises/" + std::to_string(created["id"].get<int64_t>());
  auto patched = Send("PATCH", path, json{{"version", 1}, {"employees", 321}}.dump());
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(JsonBody(patched)["version"], 2);
  EXPECT_EQ(JsonBody(patched)["employees"], 321);
  auto stale = Send("PATCH", path, json{{"version", 1}, {"employees", 5}}.dump());
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(JsonBody(stale)["error"]["code"], "directory.version_conflict");
  EXPECT_EQ(Send("PATCH", path, json{{"employees", 5}}.dump()).status, 400);  // no version
  EXPECT_EQ(Send("GET", "/api/v1/enterprises?sort=salary").status, 400);
  EXPECT_EQ(Send("GET", "/api/v1/enterprises/999999").status, 404);
  // The audit trail has both writes.
  auto audit = JsonBody(Send("GET", "/api/v1/audit?entity=enterprise"));
  EXPECT_GE(audit["items"].size(), 2u) << audit.dump();
}

TEST_F(DirectoryApiTest, ImportIsAllOrNothingOverHttpAndExportsImportAgain) {
  const std::string header = "统一社会信用代码,企业名称,所属区县,行业代码,规上,营业收入,联系人,联系电话\n";
  const std::string good1 = std::string(kUscc1) + ",淄博甲化工有限公司,张店区,26,是,30000000,张三,13900000001\n";
  const std::string good2 = std::string(kUscc2) + ",\"淄博乙机械有限公司, 二厂\",370303,34,否,0,,\n";
  const std::string bad = "91370303000000010X,淄博丙有限公司,火星区,26,是,30000000,李四,123\n";

  auto refused = Send("POST", "/api/v1/imports/enterprises", header + good1 + bad + good2, "text/csv");
  ASSERT_EQ(refused.status, 400) << refused.body;
  json report = JsonBody(refused)["report"];
  EXPECT_EQ(JsonBody(refused)["error"]["code"], "import.invalid_rows");
  EXPECT_FALSE(report["committed"].get<bool>());
  std::set<std::string> columns;
  for (const auto& e : report["errors"]) {
    EXPECT_EQ(e["row"], 3);  // the header is row 1
    columns.insert(e["column"].get<std::string>());
  }
  EXPECT_EQ(columns, (std::set<std::string>{"统一社会信用代码", "所属区县", "联系电话"}));
  EXPECT_EQ(JsonBody(Send("GET", "/api/v1/enterprises"))["total"], 0);

  auto dry = Send("POST", "/api/v1/imports/enterprises?dry_run=true", header + good1 + good2, "text/csv");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(JsonBody(dry)["created"], 2);
  EXPECT_EQ(JsonBody(Send("GET", "/api/v1/enterprises"))["total"], 0);

  auto done = Send("POST", "/api/v1/imports/enterprises", header + good1 + good2, "text/csv");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_TRUE(JsonBody(done)["committed"].get<bool>());
  EXPECT_EQ(JsonBody(Send("GET", "/api/v1/enterprises"))["total"], 2);

  // Both export formats read back as the same data: nothing changes.
  for (const char* format : {"csv", "xlsx"}) {
    auto file = Send("GET", std::string("/api/v1/enterprises/export?format=") + format);
    ASSERT_EQ(file.status, 200);
    if (std::string(format) == "csv") {
      EXPECT_EQ(file.body.substr(0, 3), "\xEF\xBB\xBF");
      EXPECT_NE(file.body.find("\"淄博乙机械有限公司, 二厂\""), std::string::npos);
    } else {
      EXPECT_EQ(file.body.substr(0, 2), "PK");
    }
    auto again = Send("POST", "/api/v1/imports/enterprises", file.body,
                      std::string(format) == "csv" ? "text/csv" : "application/octet-stream");
    ASSERT_EQ(again.status, 200) << format << ": " << again.body;
    EXPECT_EQ(JsonBody(again)["unchanged"], 2) << format;
  }
}

TEST_F(DirectoryApiTest, CliImportReportsRowsAndDryRunWritesNothing) {
  const std::string csv = (server_->dir() / "enterprises.csv").string();
  {
    std::ofstream f(csv);
    f << "uscc,name,region,industry_code\n" << kUscc1 << ",淄博命令行测试有限公司,张店区,26\n"
      << "bad,淄博命令行测试二有限公司,张店区,26\n";
  }
  auto [rc, out] = server_->RunCli({"import", "enterprises", csv});
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("row 3, uscc"), std::string::npos) << out;
  {
    std::ofstream f(csv);
    f << "uscc,name,region,industry_code\n" << kUscc1 << ",淄博命令行测试有限公司,张店区,26\n";
  }
  auto [rc_dry, out_dry] = server_->RunCli({"import", "enterprises", csv, "--dry-run"});
  EXPECT_EQ(rc_dry, 0) << out_dry;
  EXPECT_EQ(JsonBody(Send("GET", "/api/v1/enterprises"))["total"], 0);
  auto [rc_ok, out_ok] = server_->RunCli({"import", "enterprises", csv});
  EXPECT_EQ(rc_ok, 0) << out_ok;
  EXPECT_EQ(JsonBody(Send("GET", "/api/v1/enterprises"))["total"], 1);
  const std::string xlsx = (server_->dir() / "out.xlsx").string();
  auto [rc_x, out_x] = server_->RunCli({"export", "enterprises", xlsx});
  EXPECT_EQ(rc_x, 0) << out_x;
  auto [rc_back, out_back] = server_->RunCli({"import", "enterprises", xlsx});
  EXPECT_EQ(rc_back, 0) << out_back;
  EXPECT_NE(out_back.find("1 unchanged"), std::string::npos) << out_back;
}

}  // namespace
}  // namespace zhitong::testing
