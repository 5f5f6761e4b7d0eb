// Tables of text in and out of files: CSV (RFC 4180) and .xlsx (Office Open XML). Government
// data arrives in Excel, so imports read the first sheet of a workbook (libzip + pugixml) as
// well as CSV, and exports write both (libxlsxwriter for .xlsx). Cells are UTF-8 text; numbers
// read from .xlsx are written without exponent or trailing ".0" when they are whole.
// Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace zhitong::directory_service {

// Rows of cells; rows[0] is the header when there is one. Rows may have different lengths.
using Table = std::vector<std::vector<std::string>>;

// Parses CSV: a leading UTF-8 BOM is skipped; fields may be quoted ("" is a quote inside
// quotes, and quotes may hold commas and line breaks); lines end in CRLF, LF or CR. A cell that
// the writer protected against formula injection ('=…) is read back without the apostrophe.
// kInvalid "import.bad_csv" for an unterminated quote.
Result<Table> ParseCsv(std::string_view bytes);

// CSV for Excel: a UTF-8 BOM (so that Excel shows Chinese correctly), CRLF line ends, fields
// quoted when they hold a comma, quote, CR or LF, and cells starting with = + - @ prefixed with
// an apostrophe so that a spreadsheet never runs them as formulas.
std::string WriteCsv(const Table& table);

// True iff bytes start like a ZIP archive (an .xlsx file).
bool LooksLikeXlsx(std::string_view bytes);

// The first worksheet of an .xlsx workbook. Shared strings, inline strings, numbers and
// booleans are read; missing cells are "", and rows missing in the file are empty rows, so that
// table index i is spreadsheet row i + 1. kInvalid "import.bad_xlsx" for a file that is not a
// readable workbook; kTooLarge when a part unpacks to more than max_unpacked_bytes.
Result<Table> ReadXlsx(std::string_view bytes, size_t max_unpacked_bytes = 512u << 20);

// An .xlsx workbook of one sheet; cells of columns marked numeric that hold an integer are
// written as numbers, everything else as text. The header row is bold and frozen.
Result<std::string> WriteXlsx(const Table& table, std::string_view sheet_name,
                              const std::vector<bool>& numeric_columns = {});

// An .xlsx workbook of several sheets, each as WriteXlsx writes its one.
struct Sheet {
  std::string name;
  Table table;
  std::vector<bool> numeric_columns;
};
Result<std::string> WriteXlsxSheets(const std::vector<Sheet>& sheets);
// CSV or .xlsx, recognised by content.
Result<Table> ReadTable(std::string_view bytes);
// Reads a whole file; kInvalid "import.unreadable" when it cannot be read.
Result<std::string> ReadFileBytes(const std::string& path);

}  // namespace zhitong::directory_service
