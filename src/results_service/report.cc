#include "results_service/report.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include "results_service/export.h"

// Chart calls as documented in libxlsxwriter 1.1.4's /usr/include/xlsxwriter/chart.h:
// workbook_add_chart(wb, LXW_CHART_COLUMN), chart_add_series(chart, NULL, NULL),
// chart_series_set_categories/values(series, sheet, first_row, first_col, last_row, last_col),
// worksheet_insert_chart(ws, row, col, chart).

namespace zhitong::results_service {
namespace {

using results::Counter;

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* score = nullptr;
  lxw_format* wrap = nullptr;
};

void WriteRate(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::optional<double>& v, lxw_format* f) {
  if (v) worksheet_write_number(ws, row, col, *v, f);
}

// Writes a ranked table of units at (first_row, 0); returns the row after it.
lxw_row_t UnitTable(lxw_worksheet* ws, const Formats& f, lxw_row_t first_row, const RatesResult& r) {
  const char* headers[] = {"排名", "名称", "响应率", "解决率", "满意率", "综合得分", "上期排名", "受理量", "超期", "重办", "整改", "申诉"};
  for (lxw_col_t c = 0; c < std::size(headers); ++c) worksheet_write_string(ws, first_row, c, headers[c], f.bold);
  lxw_row_t row = first_row + 1;
  for (const auto& u : r.items) {
    if (u.rank) worksheet_write_number(ws, row, 0, *u.rank, nullptr);
    worksheet_write_string(ws, row, 1, u.name.c_str(), nullptr);
    WriteRate(ws, row, 2, u.rates.response.value, f.percent);
    WriteRate(ws, row, 3, u.rates.resolution.value, f.percent);
    WriteRate(ws, row, 4, u.rates.satisfaction.value, f.percent);
    WriteRate(ws, row, 5, u.rates.composite, f.score);
    if (u.previous_rank) worksheet_write_number(ws, row, 6, *u.previous_rank, nullptr);
    worksheet_write_number(ws, row, 7, static_cast<double>(u.counts[Counter::kReceived]), nullptr);
    worksheet_write_number(ws, row, 8, static_cast<double>(u.counts[Counter::kOverdue] + u.open_overdue.replies), nullptr);
    worksheet_write_number(ws, row, 9, static_cast<double>(u.counts[Counter::kReopened]), nullptr);
    worksheet_write_number(ws, row, 10, static_cast<double>(u.counts[Counter::kRectified]), nullptr);
    worksheet_write_number(ws, row, 11, static_cast<double>(u.counts[Counter::kAppealed]), nullptr);
    ++row;
  }
  return row;
}

// A clustered column chart of the three rates of the table's rows.
void RatesChart(lxw_workbook* wb, lxw_worksheet* ws, const char* sheet, lxw_row_t first, lxw_row_t last,
                const char* title, lxw_row_t at_row, lxw_col_t at_col) {
  if (last < first) return;
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
  const char* names[] = {"响应率", "解决率", "满意率"};
  for (lxw_col_t k = 0; k < 3; ++k) {
    lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(s, sheet, first, 1, last, 1);
    chart_series_set_values(s, sheet, first, static_cast<lxw_col_t>(2 + k), last, static_cast<lxw_col_t>(2 + k));
    chart_series_set_name(s, names[k]);
  }
  chart_title_set_name(chart, title);
  chart_axis_set_num_format(chart->y_axis, "0%");
  chart_axis_set_min(chart->y_axis, 0);
  chart_axis_set_max(chart->y_axis, 1);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options opts{};
  opts.x_scale = 1.6;
  opts.y_scale = 1.3;
  worksheet_insert_chart_opt(ws, at_row, at_col, chart, &opts);
}

}  // namespace

Result<std::string> MonthlyReportXlsx(ResultsService& service, const access::Actor& actor,
                                      const results::Period& period) {
  ZT_ASSIGN_OR_RETURN(auto departments, service.Rates(actor, {results::UnitKind::kDepartment, period, std::nullopt}));
  ZT_ASSIGN_OR_RETURN(auto regions, service.Rates(actor, {results::UnitKind::kRegion, period, std::nullopt}));
  ZT_ASSIGN_OR_RETURN(auto trend, service.Trend(actor, results::UnitKind::kCity, "", period.to, 12, std::nullopt));
  ZT_ASSIGN_OR_RETURN(auto hot, service.HotIssues(actor, period, 20, 2, std::nullopt));

  std::string path = (std::filesystem::temp_directory_path() / "zhitong_report_XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Error::Internal("report.tempfile", "cannot create a temporary file");
  ::close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove_later{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Error::Internal("report.xlsx", "cannot start the workbook");
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);
  f.percent = workbook_add_format(wb);
  format_set_num_format(f.percent, "0.0%");
  f.score = workbook_add_format(wb);
  format_set_num_format(f.score, "0.0");
  f.wrap = workbook_add_format(wb);
  format_set_text_wrap(f.wrap);

  // Summary: the city this month and the month before.
  lxw_worksheet* summary = workbook_add_worksheet(wb, "Summary");
  worksheet_set_column(summary, 0, 0, 22, nullptr);
  worksheet_set_column(summary, 1, 2, 14, nullptr);
  const std::string title = "月度实绩报告 Monthly results report " + period.label;
  worksheet_write_string(summary, 0, 0, title.c_str(), f.title);
  worksheet_write_string(summary, 2, 0, "指标 figure", f.bold);
  worksheet_write_string(summary, 2, 1, period.label.c_str(), f.bold);
  worksheet_write_string(summary, 2, 2, departments.previous.label.c_str(), f.bold);
  ZT_ASSIGN_OR_RETURN(auto previous_city,
                      service.Rates(actor, {results::UnitKind::kCity, departments.previous, std::nullopt}));
  const UnitFigures& now = departments.overall;
  const UnitFigures& before = previous_city.overall;
  const std::pair<const char*, std::pair<std::optional<double>, std::optional<double>>> rates[] = {
      {"响应率 response rate", {now.rates.response.value, before.rates.response.value}},
      {"解决率 resolution rate", {now.rates.resolution.value, before.rates.resolution.value}},
      {"满意率 satisfaction rate", {now.rates.satisfaction.value, before.rates.satisfaction.value}},
  };
  lxw_row_t row = 3;
  for (const auto& [name, values] : rates) {
    worksheet_write_string(summary, row, 0, name, nullptr);
    WriteRate(summary, row, 1, values.first, f.percent);
    WriteRate(summary, row, 2, values.second, f.percent);
    ++row;
  }
  worksheet_write_string(summary, row, 0, "综合得分 composite", nullptr);
  WriteRate(summary, row, 1, now.rates.composite, f.score);
  WriteRate(summary, row, 2, before.rates.composite, f.score);
  ++row;
  const std::pair<const char*, Counter> counts[] = {{"受理量 received", Counter::kReceived},
                                                    {"办结 closed", Counter::kClosed},
                                                    {"超期 overdue", Counter::kOverdue},
                                                    {"重办 reopened", Counter::kReopened},
                                                    {"整改 rectified", Counter::kRectified},
                                                    {"申诉 appealed", Counter::kAppealed}};
  for (const auto& [name, counter] : counts) {
    worksheet_write_string(summary, row, 0, name, nullptr);
    const int64_t extra_now = counter == Counter::kOverdue ? now.open_overdue.replies : 0;
    const int64_t extra_before = counter == Counter::kOverdue ? before.open_overdue.replies : 0;
    worksheet_write_number(summary, row, 1, static_cast<double>(now.counts[counter] + extra_now), nullptr);
    worksheet_write_number(summary, row, 2, static_cast<double>(before.counts[counter] + extra_before), nullptr);
    ++row;
  }

  // Departments and regions, each with its chart.
  lxw_worksheet* dept = workbook_add_worksheet(wb, "Departments");
  worksheet_set_column(dept, 1, 1, 24, nullptr);
  worksheet_write_string(dept, 0, 0, "部门实绩排名 Departments by composite score", f.title);
  const lxw_row_t dept_end = UnitTable(dept, f, 2, departments);
  RatesChart(wb, dept, "Departments", 3, dept_end - 1, "部门三率 Department rates", 2, 13);

  lxw_worksheet* reg = workbook_add_worksheet(wb, "Regions");
  worksheet_set_column(reg, 1, 1, 24, nullptr);
  worksheet_write_string(reg, 0, 0, "区县实绩排名 Regions by composite score", f.title);
  const lxw_row_t reg_end = UnitTable(reg, f, 2, regions);
  RatesChart(wb, reg, "Regions", 3, reg_end - 1, "区县三率 Region rates", 2, 13);

  // Trend: twelve months of the city, with a line chart.
  lxw_worksheet* tr = workbook_add_worksheet(wb, "Trend");
  worksheet_write_string(tr, 0, 0, "近十二个月趋势 Twelve-month trend", f.title);
  const char* trend_headers[] = {"月份", "名称", "响应率", "解决率", "满意率", "综合得分", "受理量"};
  for (lxw_col_t c = 0; c < std::size(trend_headers); ++c) worksheet_write_string(tr, 2, c, trend_headers[c], f.bold);
  row = 3;
  for (const auto& p : trend.points) {
    worksheet_write_string(tr, row, 0, p.month.label.c_str(), nullptr);
    worksheet_write_string(tr, row, 1, p.month.label.c_str(), nullptr);
    WriteRate(tr, row, 2, p.rates.response.value, f.percent);
    WriteRate(tr, row, 3, p.rates.resolution.value, f.percent);
    WriteRate(tr, row, 4, p.rates.satisfaction.value, f.percent);
    WriteRate(tr, row, 5, p.rates.composite, f.score);
    worksheet_write_number(tr, row, 6, static_cast<double>(p.counts[Counter::kReceived]), nullptr);
    ++row;
  }
  {
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_LINE);
    const char* names[] = {"响应率", "解决率", "满意率"};
    for (lxw_col_t k = 0; k < 3; ++k) {
      lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(s, "Trend", 3, 0, row - 1, 0);
      chart_series_set_values(s, "Trend", 3, static_cast<lxw_col_t>(2 + k), row - 1, static_cast<lxw_col_t>(2 + k));
      chart_series_set_name(s, names[k]);
    }
    chart_title_set_name(chart, "全市三率趋势 City rates by month");
    chart_axis_set_num_format(chart->y_axis, "0%");
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, 1);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opts{};
    opts.x_scale = 1.6;
    opts.y_scale = 1.3;
    worksheet_insert_chart_opt(tr, 2, 8, chart, &opts);
  }

  // Hot issues.
  lxw_worksheet* hs = workbook_add_worksheet(wb, "HotIssues");
  worksheet_set_column(hs, 1, 1, 40, nullptr);
  worksheet_set_column(hs, 8, 8, 60, f.wrap);
  worksheet_write_string(hs, 0, 0, "热点诉求 Hot issues", f.title);
  const auto hot_table = HotIssuesTable(hot);
  for (size_t r = 0; r < hot_table.size(); ++r) {
    for (size_t c = 0; c < hot_table[r].size(); ++c) {
      const auto rr = static_cast<lxw_row_t>(r + 2);
      const auto cc = static_cast<lxw_col_t>(c);
      if (r > 0 && (c == 0 || c == 2 || c == 3)) {
        worksheet_write_number(hs, rr, cc, std::stod(hot_table[r][c]), nullptr);
      } else {
        worksheet_write_string(hs, rr, cc, hot_table[r][c].c_str(), r == 0 ? f.bold : nullptr);
      }
    }
  }

  // Definitions.
  lxw_worksheet* defs = workbook_add_worksheet(wb, "Definitions");
  worksheet_set_column(defs, 0, 0, 20, nullptr);
  worksheet_set_column(defs, 1, 1, 40, f.wrap);
  worksheet_set_column(defs, 2, 3, 70, f.wrap);
  worksheet_write_string(defs, 0, 0, "口径说明 Definitions (docs/RESULTS.md)", f.title);
  const char* def_headers[] = {"指标 key", "公式 formula", "说明", "definition"};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(defs, 2, c, def_headers[c], f.bold);
  row = 3;
  for (const auto& d : results::Describe(departments.definitions)) {
    worksheet_write_string(defs, row, 0, d.key.c_str(), nullptr);
    worksheet_write_string(defs, row, 1, d.formula.c_str(), nullptr);
    worksheet_write_string(defs, row, 2, d.zh.c_str(), nullptr);
    worksheet_write_string(defs, row, 3, d.en.c_str(), nullptr);
    ++row;
  }

  if (workbook_close(wb) != LXW_NO_ERROR) return Error::Internal("report.xlsx", "cannot write the workbook");
  return directory_service::ReadFileBytes(path);
}

}  // namespace zhitong::results_service
