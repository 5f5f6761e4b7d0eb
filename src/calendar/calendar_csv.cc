// ParseCalendarCsv: the text of data/calendar/cn_holidays.csv (or an admin's edited copy) to a
// WorkingCalendar, with errors that name the line so that whoever edits the file can fix it.
#include <fmt/format.h>

#include <cctype>
#include <map>

#include "calendar/working_calendar.h"
#include "core/clock.h"

namespace zhitong::calendar {
namespace {

using namespace std::chrono;

constexpr std::string_view kHeader = "date,kind,name,name_en";
constexpr std::string_view kCoversDirective = "#! covers ";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Error LineError(int line, std::string code, const std::string& en, const std::string& zh) {
  Error e = Error::Invalid(std::move(code), fmt::format("line {}: {}", line, en),
                           fmt::format("第 {} 行：{}", line, zh));
  e.fields.push_back({fmt::format("line:{}", line), en, zh});
  return e;
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const size_t comma = line.find(',');
    fields.push_back(Trim(line.substr(0, comma)));
    if (comma == std::string_view::npos) return fields;
    line = line.substr(comma + 1);
  }
}

// "#! covers 2024: citation" → 2024; -1 when the directive is not of that form.
int ParseCoversYear(std::string_view line) {
  if (line.substr(0, kCoversDirective.size()) != kCoversDirective) return -1;
  const std::string_view rest = line.substr(kCoversDirective.size());
  if (rest.size() < 4) return -1;
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(rest[i]))) return -1;
    year = year * 10 + (rest[i] - '0');
  }
  if (rest.size() > 4 && rest[4] != ':' && !std::isspace(static_cast<unsigned char>(rest[4]))) {
    return -1;
  }
  return year;
}

struct Seen {
  int line;
  EntryKind kind;
};

}  // namespace

Result<WorkingCalendar> ParseCalendarCsv(std::string_view text, OfficeHours hours) {
  std::vector<CalendarEntry> entries;
  std::set<int> covered;
  std::map<sys_days, Seen> seen;
  bool have_header = false;
  int line_no = 0;

  size_t pos = 0;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    const std::string_view line = Trim(raw);  // also drops a '\r' of CRLF files
    if (line.empty()) continue;

    if (line.starts_with("#!")) {
      const int year = ParseCoversYear(line);
      if (year < 0) {
        return LineError(
            line_no, "calendar.unknown_directive",
            fmt::format("unknown directive '{}'; the only one is '#! covers YYYY: <notice>'",
                        line.substr(0, 60)),
            fmt::format("无法识别的指令“{}”，仅支持“#! covers YYYY: <通知>”", line.substr(0, 60)));
      }
      covered.insert(year);
      continue;
    }
    if (line.starts_with('#')) continue;

    if (!have_header) {
      if (line != kHeader) {
        return LineError(line_no, "calendar.missing_header",
                         fmt::format("expected the header '{}'", kHeader),
                         fmt::format("应为表头“{}”", kHeader));
      }
      have_header = true;
      continue;
    }

    const auto fields = SplitFields(line);
    if (fields.size() != 4) {
      return LineError(
          line_no, "calendar.malformed_line",
          fmt::format("expected 4 fields (date,kind,name,name_en), found {}", fields.size()),
          fmt::format("应有 4 个字段（date,kind,name,name_en），实际 {} 个", fields.size()));
    }
    auto date = ParseDate(fields[0]);
    if (!date) {
      return LineError(line_no, "calendar.invalid_date",
                       fmt::format("'{}' is not a date like 2025-01-28", fields[0].substr(0, 40)),
                       fmt::format("“{}”不是有效日期，格式如 2025-01-28", fields[0].substr(0, 40)));
    }
    EntryKind kind;
    if (fields[1] == "holiday") {
      kind = EntryKind::kHoliday;
    } else if (fields[1] == "workday") {
      kind = EntryKind::kMakeUpWorkday;
    } else {
      return LineError(
          line_no, "calendar.unknown_kind",
          fmt::format("kind '{}' is neither holiday nor workday", fields[1].substr(0, 40)),
          fmt::format("类型“{}”无效，应为 holiday 或 workday", fields[1].substr(0, 40)));
    }
    if (fields[2].empty() || fields[3].empty()) {
      return LineError(line_no, "calendar.malformed_line", "name and name_en must not be empty",
                       "name 与 name_en 不能为空");
    }
    const std::string date_text = FormatDate(*date);
    const weekday wd{sys_days{*date}};
    if (kind == EntryKind::kMakeUpWorkday && wd != Saturday && wd != Sunday) {
      return LineError(
          line_no, "calendar.workday_not_weekend",
          fmt::format("{} is marked workday but is not a Saturday or Sunday", date_text),
          fmt::format("{} 标为调休上班，但不是周六或周日", date_text));
    }
    const auto [it, inserted] = seen.try_emplace(sys_days{*date}, Seen{line_no, kind});
    if (!inserted) {
      if (it->second.kind != kind) {
        return LineError(
            line_no, "calendar.conflicting_date",
            fmt::format("{} is marked both holiday and workday (also line {})", date_text,
                        it->second.line),
            fmt::format("{} 同时标为放假和上班（另见第 {} 行）", date_text, it->second.line));
      }
      return LineError(line_no, "calendar.duplicate_date",
                       fmt::format("{} is listed twice (also line {})", date_text, it->second.line),
                       fmt::format("日期 {} 重复出现（另见第 {} 行）", date_text, it->second.line));
    }
    entries.push_back({*date, kind, std::string(fields[2]), std::string(fields[3])});
  }
  if (!have_header) {
    return LineError(line_no == 0 ? 1 : line_no, "calendar.missing_header",
                     fmt::format("no header line '{}' found", kHeader),
                     fmt::format("缺少表头“{}”", kHeader));
  }
  return WorkingCalendar::Make(std::move(entries), std::move(covered), std::move(hours));
}

}  // namespace zhitong::calendar
