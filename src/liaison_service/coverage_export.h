// The coverage report as files, as the directory's exports are written (directory_service/
// tabular.h): CSV for Excel (UTF-8 BOM, formula-safe) with the tables one after another, each
// under a title row and followed by an empty row; .xlsx with one sheet per table.
#pragma once

#include <string>

#include "core/error.h"
#include "liaison_service/coverage.h"

namespace zhitong::liaison_service {

std::string CoverageCsv(const CoverageReport& report);
Result<std::string> CoverageXlsx(const CoverageReport& report);

}  // namespace zhitong::liaison_service
