#include "calendar/office_hours.h"

#include <fmt/format.h>

#include <cctype>

namespace zhitong::calendar {
namespace {

using std::chrono::minutes;

constexpr minutes kDay{24 * 60};

Error Bad(std::string_view text, std::string_view why_en, std::string_view why_zh) {
  return Error::Invalid("calendar.office_hours_invalid",
                        fmt::format("office hours '{}': {}", text.substr(0, 80), why_en),
                        fmt::format("办公时间“{}”：{}", text.substr(0, 80), why_zh));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "HH:MM" with 00 <= HH <= 24 and 00 <= MM <= 59; -1 when malformed.
int ParseClock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return -1;
  for (size_t i : {0u, 1u, 3u, 4u}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

std::string FormatClock(minutes m) {
  return fmt::format("{:02d}:{:02d}", m.count() / 60, m.count() % 60);
}

}  // namespace

OfficeHours::OfficeHours() : intervals_{{minutes{0}, kDay}} {}

Result<OfficeHours> OfficeHours::FromIntervals(std::vector<TimeOfDayInterval> intervals) {
  if (intervals.empty()) {
    return Error::Invalid("calendar.office_hours_invalid",
                          "office hours must have at least one interval",
                          "办公时间至少需要一个时段");
  }
  for (size_t i = 0; i < intervals.size(); ++i) {
    const auto& iv = intervals[i];
    if (iv.begin < minutes{0} || iv.end > kDay || iv.begin >= iv.end) {
      return Error::Invalid(
          "calendar.office_hours_invalid",
          fmt::format("office hours interval {}-{} is not a forward span inside 00:00-24:00",
                      iv.begin.count(), iv.end.count()),
          fmt::format("办公时段 {}-{}（分钟）须在 00:00-24:00 之内且开始早于结束", iv.begin.count(),
                      iv.end.count()));
    }
    if (i > 0 && intervals[i - 1].end > iv.begin) {
      return Error::Invalid("calendar.office_hours_invalid",
                            "office hours intervals must be in order and must not overlap",
                            "办公时段须按时间先后排列且不得重叠");
    }
  }
  return OfficeHours(std::move(intervals));
}

Result<OfficeHours> OfficeHours::Parse(std::string_view text) {
  std::vector<TimeOfDayInterval> intervals;
  std::string_view rest = text;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view item = Trim(rest.substr(0, comma));
    const size_t dash = item.find('-');
    if (dash == std::string_view::npos) {
      return Bad(text, "expected intervals like 09:00-12:00,13:30-17:30",
                 "格式应如 09:00-12:00,13:30-17:30");
    }
    const int b = ParseClock(Trim(item.substr(0, dash)));
    const int e = ParseClock(Trim(item.substr(dash + 1)));
    if (b < 0 || e < 0 || b == 24 * 60) {
      return Bad(text, "times must be HH:MM between 00:00 and 24:00",
                 "时间须为 00:00 至 24:00 之间的 HH:MM");
    }
    intervals.push_back({minutes{b}, minutes{e}});
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return FromIntervals(std::move(intervals));
}

minutes OfficeHours::PerDay() const {
  minutes total{0};
  for (const auto& iv : intervals_) total += iv.end - iv.begin;
  return total;
}

bool OfficeHours::IsWholeDay() const { return PerDay() == kDay; }

std::string OfficeHours::ToString() const {
  std::string out;
  for (const auto& iv : intervals_) {
    if (!out.empty()) out += ',';
    out += FormatClock(iv.begin) + "-" + FormatClock(iv.end);
  }
  return out;
}

}  // namespace zhitong::calendar
