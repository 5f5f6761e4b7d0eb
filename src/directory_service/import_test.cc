#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <set>

#include "directory_service/directory_service.h"
#include "directory_service/service_test_util.h"
#include "directory_service/tabular.h"

namespace zhitong::directory_service {
namespace {

using testing::DirectoryTest;
using testing::TestUscc;

constexpr int kRows = 10'000;
// Data rows (1-based) made bad, and what is wrong with each.
constexpr int kBadUsccRow = 1234;     // a corrupted check character
constexpr int kBadRegionRow = 5678;   // a region that does not exist
constexpr int kDuplicateRow = 9000;   // the USCC of data row 10 again

const std::vector<std::string> kHeader = {"统一社会信用代码", "企业名称", "所属区县", "行业代码", "规上",
                                          "重点",             "从业人数", "营业收入", "联系人",   "联系电话"};

std::vector<std::string> GoodRow(int i) {
  return {TestUscc(i), "淄博导入测试" + std::to_string(i) + "有限公司", i % 2 ? "张店区" : "370302", i % 3 ? "26" : "34",
          "是", i % 50 ? "否" : "是", std::to_string(50 + i % 900), std::to_string(20'000'000 + int64_t{i} * 1000),
          "赵六", "139" + std::to_string(10'000'000 + i)};
}

Table FileWithRows(bool with_bad_rows) {
  Table t = {kHeader};
  for (int i = 1; i <= kRows; ++i) t.push_back(GoodRow(i));
  if (with_bad_rows) {
    std::string& uscc = t[kBadUsccRow][0];
    uscc.back() = uscc.back() == '0' ? '1' : '0';
    t[kBadRegionRow][2] = "不存在区";
    t[kDuplicateRow][0] = TestUscc(10);
  }
  return t;
}

int64_t CountEnterprises(storage::Database& db) {
  auto rows = db.ReadValue([](storage::Tx& tx) { return tx.Query(storage::Sql{"SELECT COUNT(*) AS n FROM enterprises"}); });
  return rows ? (*rows)[0].i64("n") : -1;
}

TEST_P(DirectoryTest, TenThousandRowsWithThreeBadRowsWriteNothingAndNameExactlyThem) {
  SeedCity(0);
  // Through CSV text, as a file would come.
  auto table = ParseCsv(WriteCsv(FileWithRows(true)));
  ASSERT_TRUE(table);
  auto report = service_->ImportEnterprises(admin_, *table, false);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_FALSE(report->committed);
  std::set<int64_t> rows;
  for (const auto& e : report->errors) rows.insert(e.row);
  // Spreadsheet rows: the header is row 1, so data row k is row k + 1.
  EXPECT_EQ(rows, (std::set<int64_t>{kBadUsccRow + 1, kBadRegionRow + 1, kDuplicateRow + 1}));
  for (const auto& e : report->errors) {
    EXPECT_FALSE(e.message.empty());
    EXPECT_FALSE(e.message_zh.empty());
    EXPECT_EQ(e.column, e.row == kBadRegionRow + 1 ? "所属区县" : "统一社会信用代码");
  }
  EXPECT_EQ(CountEnterprises(*db_), 0);
}

TEST_P(DirectoryTest, FixedFileImportsInOneTransactionAndTheSameXlsxChangesNothing) {
  SeedCity(0);
  auto table = ParseCsv(WriteCsv(FileWithRows(false)));
  ASSERT_TRUE(table);
  auto dry = service_->ImportEnterprises(admin_, *table, true);
  ASSERT_TRUE(dry);
  EXPECT_TRUE(dry->errors.empty());
  EXPECT_EQ(dry->created, kRows);
  EXPECT_EQ(CountEnterprises(*db_), 0);

  const auto commits_before = db_->stats().commits;
  int64_t last_progress = 0;
  auto report = service_->ImportEnterprises(admin_, *table, false, [&](int64_t done, int64_t) { last_progress = done; });
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_TRUE(report->errors.empty()) << report->errors[0].message;
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->created, kRows);
  EXPECT_EQ(db_->stats().commits - commits_before, 1u);
  EXPECT_EQ(last_progress, 2 * kRows);
  EXPECT_EQ(CountEnterprises(*db_), kRows);

  // The same data as a workbook written with libxlsxwriter, numbers as numbers as a person's
  // spreadsheet would have them.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("zt_import_" + std::to_string(::getpid()) + ".xlsx")).string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "企业");
  const Table fixed = FileWithRows(false);
  for (size_t r = 0; r < fixed.size(); ++r) {
    for (size_t c = 0; c < fixed[r].size(); ++c) {
      const bool number = r > 0 && (c == 6 || c == 7);
      if (number) {
        worksheet_write_number(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), std::stod(fixed[r][c]), nullptr);
      } else {
        worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), fixed[r][c].c_str(), nullptr);
      }
    }
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto bytes = ReadFileBytes(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(bytes);
  auto sheet = ReadTable(*bytes);
  ASSERT_TRUE(sheet) << sheet.error().ToString();
  auto again = service_->ImportEnterprises(admin_, *sheet, false);
  ASSERT_TRUE(again) << again.error().ToString();
  ASSERT_TRUE(again->errors.empty()) << again->errors[0].message;
  EXPECT_EQ(again->unchanged, kRows);
  EXPECT_EQ(again->created + again->updated, 0);
}

TEST_P(DirectoryTest, HeaderProblemsAreRowOne) {
  SeedCity(0);
  auto report = service_->ImportEnterprises(admin_, {{"企业名称", "颜色"}}, false);
  ASSERT_TRUE(report);
  ASSERT_GE(report->errors.size(), 2u);
  for (const auto& e : report->errors) EXPECT_EQ(e.row, 1);
  EXPECT_FALSE(service_->ImportEnterprises(testing::MakeActor(access::Role::kDispatcher), {kHeader}, true));
}

TEST_P(DirectoryTest, ImportsOfficialsWithChineseHeaders) {
  SeedCity(0);
  auto table = ParseCsv(
      "姓名,级别,所属区县,职务,联络容量,专长行业,任职起始\n"
      "孙七,市级,淄博市,副市长,7,\"26、34\",2019-01-01\n"
      "周八,区县级,张店区,副区长,10,26,2019/3/1\n");
  ASSERT_TRUE(table);
  auto report = service_->ImportOfficials(admin_, *table, false);
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_TRUE(report->errors.empty()) << report->errors[0].column << ": " << report->errors[0].message;
  EXPECT_EQ(report->created, 2);
  auto page = service_->ListOfficials(admin_, {.q = "孙七"});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].value.industries, (std::vector<std::string>{"26", "34"}));
  auto bad = ParseCsv("姓名,级别,所属区县,任职起始\n吴九,省级,张店区,2019-13-01\n");
  auto refused = service_->ImportOfficials(admin_, *bad, false);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->errors.size(), 2u);  // the rank and the date
  EXPECT_FALSE(refused->committed);
}

}  // namespace
}  // namespace zhitong::directory_service
