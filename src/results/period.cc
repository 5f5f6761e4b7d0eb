#include "results/period.h"

#include <chrono>
#include <cstdio>

namespace zhitong::results {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

Error BadPeriod(std::string_view text) {
  return Error::Invalid("results.invalid_period",
                        "period must be a day (2025-03-05), a month (2025-03), a quarter (2025-Q1), a year (2025) "
                        "or a range (2025-01-10..2025-02-20); got \"" + std::string(text) + "\"",
                        "期间须为日（2025-03-05）、月（2025-03）、季度（2025-Q1）、年（2025）或区间"
                        "（2025-01-10..2025-02-20）；收到“" + std::string(text) + "”");
}

DayKey Key(year_month_day d) {
  return static_cast<DayKey>(static_cast<int>(d.year()) * 10000 + static_cast<int>(unsigned(d.month())) * 100 +
                             static_cast<int>(unsigned(d.day())));
}
year_month_day Ymd(DayKey k) {
  return year_month_day{year{k / 10000}, month{static_cast<unsigned>(k / 100 % 100)}, day{static_cast<unsigned>(k % 100)}};
}

bool Digits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}
int Int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string Two(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", v);
  return buf;
}

Period MonthPeriod(int y, unsigned m) {
  const year_month_day first{year{y}, month{m}, day{1}};
  const year_month_day last{year{y} / month{m} / std::chrono::last};
  return {PeriodKind::kMonth, Key(first), Key(last), std::to_string(y) + "-" + Two(m)};
}
Period QuarterPeriod(int y, int q) {
  const unsigned m0 = static_cast<unsigned>((q - 1) * 3 + 1);
  const year_month_day last{year{y} / month{m0 + 2} / std::chrono::last};
  return {PeriodKind::kQuarter, Key({year{y}, month{m0}, day{1}}), Key(last), std::to_string(y) + "-Q" + std::to_string(q)};
}
Period YearPeriod(int y) { return {PeriodKind::kYear, y * 10000 + 101, y * 10000 + 1231, std::to_string(y)}; }
Period DayPeriod(year_month_day d) { return {PeriodKind::kDay, Key(d), Key(d), FormatDay(Key(d))}; }

std::optional<year_month_day> ParseDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !Digits(s.substr(0, 4), 4) || !Digits(s.substr(5, 2), 2) ||
      !Digits(s.substr(8, 2), 2)) {
    return std::nullopt;
  }
  const year_month_day d{year{Int(s.substr(0, 4))}, month{static_cast<unsigned>(Int(s.substr(5, 2)))},
                         day{static_cast<unsigned>(Int(s.substr(8, 2)))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

}  // namespace

std::string_view Name(PeriodKind k) {
  switch (k) {
    case PeriodKind::kDay: return "day";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kYear: return "year";
    case PeriodKind::kRange: return "range";
  }
  return "month";
}

std::string FormatDay(DayKey k) {
  return std::to_string(k / 10000) + "-" + Two(static_cast<unsigned>(k / 100 % 100)) + "-" +
         Two(static_cast<unsigned>(k % 100));
}

Result<Period> ParsePeriod(std::string_view text) {
  const std::string_view s = text;
  if (Digits(s, 4)) {
    const int y = Int(s);
    if (y < 1970 || y > 9999) return BadPeriod(text);
    return YearPeriod(y);
  }
  if (s.size() == 7 && s[4] == '-' && Digits(s.substr(0, 4), 4)) {
    const int y = Int(s.substr(0, 4));
    if (y < 1970) return BadPeriod(text);
    if (s[5] == 'Q' || s[5] == 'q') {
      if (s[6] < '1' || s[6] > '4') return BadPeriod(text);
      return QuarterPeriod(y, s[6] - '0');
    }
    if (!Digits(s.substr(5, 2), 2)) return BadPeriod(text);
    const int m = Int(s.substr(5, 2));
    if (m < 1 || m > 12) return BadPeriod(text);
    return MonthPeriod(y, static_cast<unsigned>(m));
  }
  if (auto d = ParseDay(s)) {
    if (int(d->year()) < 1970) return BadPeriod(text);
    return DayPeriod(*d);
  }
  const size_t dots = s.find("..");
  if (dots != std::string_view::npos) {
    auto a = ParseDay(s.substr(0, dots));
    auto b = ParseDay(s.substr(dots + 2));
    if (!a || !b || int(a->year()) < 1970 || sys_days(*b) < sys_days(*a) ||
        (sys_days(*b) - sys_days(*a)).count() > 36525) {
      return BadPeriod(text);
    }
    return Period{PeriodKind::kRange, Key(*a), Key(*b), FormatDay(Key(*a)) + ".." + FormatDay(Key(*b))};
  }
  return BadPeriod(text);
}

int DayCount(const Period& p) {
  return static_cast<int>((sys_days(Ymd(p.to)) - sys_days(Ymd(p.from))).count()) + 1;
}

Instant StartOf(DayKey d) { return ShanghaiMidnight(Ymd(d)); }
Instant EndOf(const Period& p) { return ShanghaiMidnight(year_month_day{sys_days(Ymd(p.to)) + std::chrono::days{1}}); }

Period MonthOf(DayKey d) { return MonthPeriod(d / 10000, static_cast<unsigned>(d / 100 % 100)); }

Period Previous(const Period& p) {
  const year_month_day from = Ymd(p.from);
  switch (p.kind) {
    case PeriodKind::kDay: return DayPeriod(year_month_day{sys_days(from) - std::chrono::days{1}});
    case PeriodKind::kMonth: {
      const auto prev = std::chrono::year_month{from.year(), from.month()} - std::chrono::months{1};
      return MonthPeriod(int(prev.year()), unsigned(prev.month()));
    }
    case PeriodKind::kQuarter: {
      const int q = static_cast<int>((unsigned(from.month()) - 1) / 3) + 1;
      return q == 1 ? QuarterPeriod(int(from.year()) - 1, 4) : QuarterPeriod(int(from.year()), q - 1);
    }
    case PeriodKind::kYear: return YearPeriod(int(from.year()) - 1);
    case PeriodKind::kRange: {
      const int n = DayCount(p);
      const year_month_day b{sys_days(from) - std::chrono::days{1}};
      const year_month_day a{sys_days(from) - std::chrono::days{n}};
      return Period{PeriodKind::kRange, Key(a), Key(b), FormatDay(Key(a)) + ".." + FormatDay(Key(b))};
    }
  }
  return p;
}

std::vector<Period> MonthsOf(const Period& p) {
  std::vector<Period> out;
  auto ym = std::chrono::year_month{year{p.from / 10000}, month{static_cast<unsigned>(p.from / 100 % 100)}};
  const auto last = std::chrono::year_month{year{p.to / 10000}, month{static_cast<unsigned>(p.to / 100 % 100)}};
  while (ym <= last) {
    out.push_back(MonthPeriod(int(ym.year()), unsigned(ym.month())));
    ym += std::chrono::months{1};
  }
  return out;
}

std::vector<Period> MonthsEndingAt(DayKey last, int count) {
  std::vector<Period> out;
  auto ym = std::chrono::year_month{year{last / 10000}, month{static_cast<unsigned>(last / 100 % 100)}};
  ym -= std::chrono::months{count - 1};
  for (int i = 0; i < count; ++i, ym += std::chrono::months{1}) {
    out.push_back(MonthPeriod(int(ym.year()), unsigned(ym.month())));
  }
  return out;
}

}  // namespace zhitong::results
