#include "core/clock.h"

#include <fmt/format.h>

#include <cctype>

namespace zhitong {
namespace {

using namespace std::chrono;

std::string FormatWithOffset(Instant t, minutes offset, bool zulu) {
  const Instant local = t + offset;
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{local - day};
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", int(ymd.year()),
                                unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(),
                                hms.minutes().count(), hms.seconds().count());
  if (zulu || hms.subseconds().count() != 0) {
    out += fmt::format(".{:03d}", hms.subseconds().count());
  }
  if (zulu) {
    out += 'Z';
  } else {
    const auto h = duration_cast<hours>(offset);
    out += fmt::format("{}{:02d}:{:02d}", offset < minutes{0} ? '-' : '+', std::abs(h.count()),
                       std::abs((offset - h).count()));
  }
  return out;
}

// Reads exactly n digits at pos; returns -1 if they are not there.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

Error BadTimestamp(std::string_view text) {
  return Error::Invalid("time.malformed",
                        fmt::format("'{}' is not a date-time like 2025-03-04T09:30:00+08:00",
                                    text.substr(0, 64)),
                        fmt::format("“{}”不是有效的时间，格式如 2025-03-04T09:30:00+08:00",
                                    text.substr(0, 64)));
}

}  // namespace

std::string FormatUtc(Instant t) { return FormatWithOffset(t, minutes{0}, true); }

std::string FormatShanghai(Instant t) { return FormatWithOffset(t, kShanghaiOffset, false); }

std::string FormatDate(year_month_day d) {
  return fmt::format("{:04d}-{:02d}-{:02d}", int(d.year()), unsigned(d.month()), unsigned(d.day()));
}

Result<year_month_day> ParseDate(std::string_view text) {
  const int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (text.size() != 10 || y < 0 || m < 0 || d < 0 || text[4] != '-' || text[7] != '-') {
    return Error::Invalid("date.malformed",
                          fmt::format("'{}' is not a date like 2025-03-04", text.substr(0, 64)),
                          fmt::format("“{}”不是有效的日期，格式如 2025-03-04", text.substr(0, 64)));
  }
  const year_month_day ymd{year{y}, month{unsigned(m)}, day{unsigned(d)}};
  if (!ymd.ok()) {
    return Error::Invalid("date.invalid", fmt::format("{} is not a day of the calendar", text),
                          fmt::format("日期 {} 不存在", text));
  }
  return ymd;
}

Result<Instant> ParseTimestamp(std::string_view text) {
  if (text.size() == 10) {
    auto d = ParseDate(text);
    if (!d) return d.error();
    return ShanghaiMidnight(*d);
  }
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ')) return BadTimestamp(text);
  auto date = ParseDate(text.substr(0, 10));
  if (!date) return BadTimestamp(text);
  const int hh = Digits(text, 11, 2), mm = Digits(text, 14, 2), ss = Digits(text, 17, 2);
  if (hh < 0 || mm < 0 || ss < 0 || text[13] != ':' || text[16] != ':' || hh > 23 || mm > 59 ||
      ss > 60) {
    return BadTimestamp(text);
  }
  size_t pos = 19;
  int64_t millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int scale = 100;
    size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      millis += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return BadTimestamp(text);
  }
  minutes offset{0};
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int oh = Digits(text, pos + 1, 2), om = Digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || text.size() < pos + 6 || text[pos + 3] != ':' || oh > 23 || om > 59) {
      return BadTimestamp(text);
    }
    offset = hours{oh} + minutes{om};
    if (text[pos] == '-') offset = -offset;
    pos += 6;
  } else {
    return BadTimestamp(text);  // an offset is required: a bare local time is ambiguous
  }
  if (pos != text.size()) return BadTimestamp(text);
  const Instant local =
      Instant{sys_days{*date}.time_since_epoch()} + hours{hh} + minutes{mm} + seconds{ss} +
      milliseconds{millis};
  return local - offset;
}

year_month_day ShanghaiDate(Instant t) {
  return year_month_day{floor<days>(t + kShanghaiOffset)};
}

Instant ShanghaiMidnight(year_month_day d) {
  return Instant{sys_days{d}.time_since_epoch()} - kShanghaiOffset;
}

Instant SystemClock::Now() const { return time_point_cast<milliseconds>(system_clock::now()); }

}  // namespace zhitong
