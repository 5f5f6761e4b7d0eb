#include "liaison_service/coverage_export.h"

#include "directory_service/tabular.h"

namespace zhitong::liaison_service {

std::string CoverageCsv(const CoverageReport& report) {
  directory_service::Table all;
  for (const auto& t : CoverageTables(report)) {
    if (!all.empty()) all.push_back({});
    all.push_back({t.title});
    all.insert(all.end(), t.rows.begin(), t.rows.end());
  }
  return directory_service::WriteCsv(all);
}

Result<std::string> CoverageXlsx(const CoverageReport& report) {
  std::vector<directory_service::Sheet> sheets;
  for (auto& t : CoverageTables(report)) sheets.push_back({t.title, std::move(t.rows), std::move(t.numeric)});
  return directory_service::WriteXlsxSheets(sheets);
}

}  // namespace zhitong::liaison_service
