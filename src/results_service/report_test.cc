// The monthly report: an .xlsx with native charts, made from figures kept by the observer, that
// LibreOffice opens (converted to PDF headless). The conversion runs once (on the SQLite
// instance); it is skipped with a message only when soffice is not installed
// (scripts/install-deps.sh test installs libreoffice-calc-nogui).
#include "results_service/report.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "directory_service/tabular.h"
#include "requests_service/service_test_util.h"
#include "results_service/observer.h"

namespace zhitong::results_service {
namespace {

using requests::Action;
using requests_service::ActInput;
using requests_service::testing::At;

class ReportTest : public requests_service::testing::ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service_->AddObserver(observer_);
  }
  void Handle(const access::Actor& who, const access::Actor& handler, int64_t dept, Instant t,
              requests::RatingLevel level) {
    auto v = SubmitAt(who, Input("工业园区供电线路老化经常停电", "power"), t);
    const int64_t id = v.stored.id;
    ActInput route;
    route.department_id = dept;
    ActInput reply;
    reply.note = "已处理";
    ActInput rate;
    rate.rating = level;
    ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, t));
    ASSERT_TRUE(Do(dispatcher_, id, Action::kRoute, t, route));
    ASSERT_TRUE(Do(handler, id, Action::kSign, t + std::chrono::hours(2)));
    ASSERT_TRUE(Do(handler, id, Action::kReply, t + std::chrono::hours(30), reply));
    ASSERT_TRUE(Do(who, id, Action::kRate, t + std::chrono::hours(50), rate));
  }
  ResultsObserver observer_;
};

bool Contains(const std::string& bytes, const std::string& part) { return bytes.find(part) != std::string::npos; }

TEST_P(ReportTest, MonthlyReportHasChartsAndOpensInLibreOffice) {
  Handle(ent1_, hr_, 1, At("2025-02-20T10:00:00"), requests::RatingLevel::kSatisfied);
  Handle(ent1_, hr_, 1, At("2025-03-03T10:00:00"), requests::RatingLevel::kVerySatisfied);
  Handle(ent2_, gx_, 2, At("2025-03-04T10:00:00"), requests::RatingLevel::kDissatisfied);
  Handle(ent3_, gx_, 2, At("2025-03-05T10:00:00"), requests::RatingLevel::kSatisfied);
  clock_.Set(At("2025-04-02T10:00:00"));
  ResultsService results(*db_, clock_);
  auto bytes = MonthlyReportXlsx(results, admin_, *results::ParsePeriod("2025-03"));
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  ASSERT_TRUE(directory_service::LooksLikeXlsx(*bytes));
  // Native charts: a column chart per ranking sheet and the trend's line chart.
  for (const char* part : {"xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml",
                           "xl/drawings/drawing1.xml"}) {
    EXPECT_TRUE(Contains(*bytes, part)) << part;
  }
  auto summary = directory_service::ReadXlsx(*bytes);
  ASSERT_TRUE(summary) << summary.error().ToString();
  ASSERT_GT(summary->size(), 4u);
  EXPECT_NE((*summary)[0][0].find("2025-03"), std::string::npos);
  EXPECT_EQ((*summary)[2][1], "2025-03");
  EXPECT_EQ((*summary)[2][2], "2025-02");
  // The response rate row: everything signed on time in March.
  EXPECT_EQ((*summary)[3][1], "1");

  auto denied = MonthlyReportXlsx(results, ent1_, *results::ParsePeriod("2025-03"));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, "results.not_allowed");

  if (GetParam() != storage::Dialect::kSqlite) return;  // the conversion once is enough
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "soffice is not installed (scripts/install-deps.sh test installs libreoffice-calc-nogui): "
                    "the report was made and checked, but not opened in LibreOffice";
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("zhitong_report_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto xlsx = dir / "report.xlsx";
  {
    std::ofstream out(xlsx, std::ios::binary);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  }
  // A private profile, so that parallel runs and a desktop session do not collide.
  const std::string cmd = "cd '" + dir.string() + "' && HOME='" + dir.string() +
                          "' timeout 180 soffice --headless --norestore -env:UserInstallation=file://" + dir.string() +
                          "/profile --convert-to pdf --outdir '" + dir.string() + "' report.xlsx > soffice.log 2>&1";
  const int rc = std::system(cmd.c_str());
  std::ifstream log(dir / "soffice.log");
  const std::string log_text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_EQ(rc, 0) << log_text;
  const auto pdf = dir / "report.pdf";
  ASSERT_TRUE(std::filesystem::exists(pdf)) << log_text;
  EXPECT_GT(std::filesystem::file_size(pdf), 1000u);
  std::ifstream in(pdf, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kPostgres),
                         requests_service::testing::BackendName);

}  // namespace
}  // namespace zhitong::results_service
