#include "directory_service/tabular.h"

#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <sstream>

namespace zhitong::directory_service {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool NeedsFormulaGuard(std::string_view cell) {
  return !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@');
}

Error BadCsv(int64_t record) {
  return Error::Invalid("import.bad_csv",
                        "the CSV has a quoted field that is never closed (from row " + std::to_string(record) + ")",
                        "CSV 文件第 " + std::to_string(record) + " 行起有未闭合的引号");
}

Error BadXlsx(const std::string& why) {
  return Error::Invalid("import.bad_xlsx", "the file is not a readable .xlsx workbook: " + why,
                        "文件不是可读取的 .xlsx 工作簿：" + why);
}

// The part of an element's name after its namespace prefix ("x:row" → "row").
std::string_view Local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
  for (auto c : parent.children()) {
    if (Local(c) == local) return c;
  }
  return {};
}

// All text of <t> elements under n, skipping phonetic runs (<rPh>).
void CollectText(const pugi::xml_node& n, std::string& out) {
  for (auto c : n.children()) {
    if (Local(c) == "rPh") continue;
    if (Local(c) == "t") {
      out += c.text().get();
    } else if (c.type() == pugi::node_element) {
      CollectText(c, out);
    }
  }
}

// A number as Excel stored it, written back as a person would type it.
std::string NumberText(std::string_view v) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size()) return std::string(v);
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
    return std::to_string(static_cast<int64_t>(d));
  }
  return std::string(v);
}

// Zero-based column of a cell reference ("C5" → 2), or -1.
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  if (i == 0 || col > 16384) return -1;
  return col - 1;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

// The unpacked bytes of one member, or nullopt when it is absent.
Result<std::optional<std::string>> ReadMember(zip_t* z, const std::string& name, size_t max_bytes) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return std::optional<std::string>();
  if ((st.valid & ZIP_STAT_SIZE) && st.size > max_bytes) {
    return Error::TooLarge("import.too_large", "the workbook unpacks to more than " + std::to_string(max_bytes >> 20) + " MiB",
                           "工作簿解压后超过 " + std::to_string(max_bytes >> 20) + " MiB");
  }
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return BadXlsx("cannot open " + name);
  std::string out;
  char buf[65536];
  zip_int64_t n;
  while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) {
      zip_fclose(f);
      return Error::TooLarge("import.too_large", "the workbook unpacks to too many bytes", "工作簿解压后过大");
    }
  }
  zip_fclose(f);
  if (n < 0) return BadXlsx("cannot unpack " + name);
  return std::optional<std::string>(std::move(out));
}

Result<pugi::xml_document> ParseXml(const std::string& text, const std::string& name) {
  pugi::xml_document doc;
  auto r = doc.load_buffer(text.data(), text.size());
  if (!r) return BadXlsx(name + ": " + r.description());
  return doc;
}

// The path of the first worksheet, from the workbook and its relationships.
std::string FirstSheetPath(zip_t* z, size_t max_bytes) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  auto wb = ReadMember(z, "xl/workbook.xml", max_bytes);
  auto rels = ReadMember(z, "xl/_rels/workbook.xml.rels", max_bytes);
  if (!wb || !*wb || !rels || !*rels) return fallback;
  auto wb_doc = ParseXml(**wb, "workbook.xml");
  auto rels_doc = ParseXml(**rels, "workbook.xml.rels");
  if (!wb_doc || !rels_doc) return fallback;
  auto sheet = Child(Child(Child(*wb_doc, "workbook"), "sheets"), "sheet");
  std::string rid;
  for (auto a : sheet.attributes()) {
    std::string_view n = a.name();
    if (n.size() >= 3 && n.substr(n.size() - 3) == ":id") rid = a.value();
  }
  for (auto rel : Child(*rels_doc, "Relationships").children()) {
    if (rid.empty() || rel.attribute("Id").value() != rid) continue;
    std::string target = rel.attribute("Target").value();
    if (target.rfind("/", 0) == 0) return target.substr(1);
    return "xl/" + target;
  }
  return fallback;
}

}  // namespace

Result<Table> ParseCsv(std::string_view in) {
  if (in.substr(0, kBom.size()) == kBom) in.remove_prefix(kBom.size());
  Table table;
  std::vector<std::string> row;
  std::string field;
  bool quoted_field = false;  // the current field began with a quote
  size_t i = 0;
  auto end_field = [&] {
    if (field.size() >= 2 && field[0] == '\'' && NeedsFormulaGuard(std::string_view(field).substr(1))) {
      field.erase(0, 1);
    }
    row.push_back(std::move(field));
    field.clear();
    quoted_field = false;
  };
  auto end_row = [&] {
    end_field();
    table.push_back(std::move(row));
    row.clear();
  };
  if (in.empty()) return table;
  while (i < in.size()) {
    char c = in[i];
    if (c == '"' && field.empty() && !quoted_field) {
      quoted_field = true;
      const int64_t start_record = static_cast<int64_t>(table.size()) + 1;
      ++i;
      for (;;) {
        if (i >= in.size()) return BadCsv(start_record);
        if (in[i] == '"') {
          if (i + 1 < in.size() && in[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += in[i++];
      }
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
    } else if (c == '\r' || c == '\n') {
      end_row();
      i += (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
    } else {
      field += c;
      ++i;
    }
  }
  const char last = in.back();
  if (last != '\n' && last != '\r') end_row();
  return table;
}

std::string WriteCsv(const Table& table) {
  std::string out(kBom);
  for (const auto& row : table) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += ',';
      std::string cell = NeedsFormulaGuard(row[c]) ? "'" + row[c] : row[c];
      if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out += cell;
        continue;
      }
      out += '"';
      for (char ch : cell) {
        if (ch == '"') out += '"';
        out += ch;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

bool LooksLikeXlsx(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

Result<Table> ReadXlsx(std::string_view bytes, size_t max_bytes) {
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (!src) {
    zip_error_fini(&zerr);
    return BadXlsx("cannot read the archive");
  }
  ZipPtr z(zip_open_from_source(src, ZIP_RDONLY, &zerr));
  zip_error_fini(&zerr);
  if (!z) {
    zip_source_free(src);
    return BadXlsx("not a ZIP archive");
  }

  std::vector<std::string> shared;
  ZT_ASSIGN_OR_RETURN(auto ss_text, ReadMember(z.get(), "xl/sharedStrings.xml", max_bytes));
  if (ss_text) {
    ZT_ASSIGN_OR_RETURN(auto ss, ParseXml(*ss_text, "sharedStrings.xml"));
    for (auto si : Child(ss, "sst").children()) {
      if (Local(si) != "si") continue;
      std::string s;
      CollectText(si, s);
      shared.push_back(std::move(s));
    }
  }
  const std::string sheet_path = FirstSheetPath(z.get(), max_bytes);
  ZT_ASSIGN_OR_RETURN(auto sheet_text, ReadMember(z.get(), sheet_path, max_bytes));
  if (!sheet_text) return BadXlsx("it has no worksheet (" + sheet_path + ")");
  ZT_ASSIGN_OR_RETURN(auto sheet, ParseXml(*sheet_text, sheet_path));

  Table table;
  auto data = Child(Child(sheet, "worksheet"), "sheetData");
  for (auto row : data.children()) {
    if (Local(row) != "row") continue;
    size_t index = table.size();
    if (auto r = row.attribute("r")) {
      long n = std::strtol(r.value(), nullptr, 10);
      if (n < 1 || n > 1048576) return BadXlsx("row number out of range");
      index = static_cast<size_t>(n - 1);
    }
    if (index < table.size()) return BadXlsx("rows out of order");
    table.resize(index + 1);
    auto& cells = table[index];
    for (auto c : row.children()) {
      if (Local(c) != "c") continue;
      int col = static_cast<int>(cells.size());
      if (auto ref = c.attribute("r")) col = ColumnOf(ref.value());
      if (col < 0) return BadXlsx(std::string("bad cell reference ") + c.attribute("r").value());
      std::string_view type = c.attribute("t").value();
      std::string value;
      if (type == "inlineStr") {
        CollectText(Child(c, "is"), value);
      } else {
        std::string_view v = Child(c, "v").text().get();
        if (type == "s") {
          size_t k = 0;
          auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), k);
          if (ec != std::errc() || k >= shared.size()) return BadXlsx("a shared string index is out of range");
          value = shared[k];
        } else if (type == "str" || type == "e" || type == "b") {
          value = std::string(v);
        } else {
          value = NumberText(v);
        }
      }
      if (static_cast<size_t>(col) >= cells.size()) cells.resize(static_cast<size_t>(col) + 1);
      cells[static_cast<size_t>(col)] = std::move(value);
    }
  }
  return table;
}

Result<std::string> WriteXlsx(const Table& table, std::string_view sheet_name, const std::vector<bool>& numeric) {
  return WriteXlsxSheets({{std::string(sheet_name), table, numeric}});
}

Result<std::string> WriteXlsxSheets(const std::vector<Sheet>& sheets) {
  std::string path = (std::filesystem::temp_directory_path() / "zhitong_xlsx_XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) return Error::Internal("export.tempfile", "cannot create a temporary file");
  ::close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove_later{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Error::Internal("export.xlsx", "cannot start the workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (const Sheet& sheet : sheets) {
    const Table& table = sheet.table;
    const std::vector<bool>& numeric = sheet.numeric_columns;
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (!ws) {
      workbook_close(wb);
      return Error::Internal("export.xlsx", "cannot add the sheet " + sheet.name);
    }
    for (size_t r = 0; r < table.size(); ++r) {
      for (size_t c = 0; c < table[r].size(); ++c) {
        const std::string& cell = table[r][c];
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        int64_t n = 0;
        auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), n);
        const bool is_number = r > 0 && c < numeric.size() && numeric[c] && !cell.empty() && ec == std::errc() &&
                               p == cell.data() + cell.size() && std::llabs(n) < (int64_t{1} << 53);
        if (is_number) {
          worksheet_write_number(ws, row, col, static_cast<double>(n), nullptr);
        } else if (!cell.empty()) {
          worksheet_write_string(ws, row, col, cell.c_str(), r == 0 ? bold : nullptr);
        }
      }
    }
    if (!table.empty()) worksheet_freeze_panes(ws, 1, 0);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return Error::Internal("export.xlsx", "cannot write the workbook");
  return ReadFileBytes(path);
}

Result<Table> ReadTable(std::string_view bytes) {
  if (LooksLikeXlsx(bytes)) return ReadXlsx(bytes);
  return ParseCsv(bytes);
}

Result<std::string> ReadFileBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    return Error::Invalid("import.unreadable", "cannot read " + path, "无法读取文件 " + path);
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace zhitong::directory_service
