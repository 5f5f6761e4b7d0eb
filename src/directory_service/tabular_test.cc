#include "directory_service/tabular.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>

namespace zhitong::directory_service {
namespace {

TEST(CsvTest, ReadsQuotesCommasLineBreaksAndBom) {
  auto t = ParseCsv("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,\n");
  ASSERT_TRUE(t) << t.error().ToString();
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*t)[1], (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ((*t)[2], (std::vector<std::string>{"", "", ""}));
}

TEST(CsvTest, LastLineWithoutLineBreak) {
  auto t = ParseCsv("a,b\n1,2");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ((*t)[1][1], "2");
}

TEST(CsvTest, UnterminatedQuoteIsAnError) {
  auto t = ParseCsv("a,b\n\"open,2\n");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, "import.bad_csv");
}

TEST(CsvTest, WritesBomQuotesAndGuardsFormulasAndReadsThemBack) {
  Table in = {{"名称", "备注"}, {"淄博, 有限公司", "=1+1"}, {"say \"hi\"", "two\nlines"}};
  std::string csv = WriteCsv(in);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\"淄博, 有限公司\",'=1+1\r\n"), std::string::npos);
  auto back = ParseCsv(csv);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, in);
}

TEST(XlsxTest, RoundTripsTextAndNumbers) {
  Table in = {{"编号", "名称", "营业收入"}, {"1", "淄博化工", "12000000"}, {"2", "", "0"}};
  auto bytes = WriteXlsx(in, "sheet", {true, false, true});
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  EXPECT_TRUE(LooksLikeXlsx(*bytes));
  auto back = ReadXlsx(*bytes);
  ASSERT_TRUE(back) << back.error().ToString();
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[1], (std::vector<std::string>{"1", "淄博化工", "12000000"}));
  EXPECT_EQ((*back)[2][0], "2");
  EXPECT_EQ((*back)[2][1], "");
  EXPECT_EQ((*back)[2][2], "0");
}

TEST(XlsxTest, ReadsInlineStringsAndLeavesGapsAsEmptyRows) {
  // constant_memory mode makes libxlsxwriter write inline strings instead of shared ones.
  std::string path = (std::filesystem::temp_directory_path() / ("zt_inline_" + std::to_string(::getpid()) + ".xlsx")).string();
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  worksheet_write_string(ws, 0, 0, "统一社会信用代码", nullptr);
  worksheet_write_number(ws, 0, 2, 1.5, nullptr);
  worksheet_write_string(ws, 3, 1, "第四行", nullptr);
  worksheet_write_number(ws, 3, 2, 13900000001.0, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto bytes = ReadFileBytes(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(bytes);
  auto t = ReadXlsx(*bytes);
  ASSERT_TRUE(t) << t.error().ToString();
  ASSERT_EQ(t->size(), 4u);
  EXPECT_EQ((*t)[0][0], "统一社会信用代码");
  EXPECT_EQ((*t)[0][2], "1.5");
  EXPECT_TRUE((*t)[1].empty());
  EXPECT_EQ((*t)[3][1], "第四行");
  EXPECT_EQ((*t)[3][2], "13900000001");
}

TEST(XlsxTest, GarbageIsABadWorkbook) {
  auto t = ReadXlsx(std::string("PK\x03\x04garbage", 11));
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, "import.bad_xlsx");
}

}  // namespace
}  // namespace zhitong::directory_service
