// Time in Zhitong: instants are UTC with millisecond precision, stored as Unix milliseconds,
// shown in Asia/Shanghai (UTC+8, no daylight saving). Code below the HTTP layer never reads the
// system clock itself: a Clock is passed in, so deadline and escalation tests run on fixed instants.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace zhitong {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// China Standard Time: UTC+8 all year since 1991.
inline constexpr std::chrono::hours kShanghaiOffset{8};

inline int64_t ToUnixMillis(Instant t) { return t.time_since_epoch().count(); }
inline Instant FromUnixMillis(int64_t ms) { return Instant{std::chrono::milliseconds{ms}}; }

// "2025-03-04T05:06:07.123Z"
std::string FormatUtc(Instant t);
// "2025-03-04T13:06:07+08:00" (milliseconds shown only when non-zero)
std::string FormatShanghai(Instant t);
// RFC 3339 / ISO 8601 date-time with "Z" or a ±hh:mm offset, optional fraction; or a plain date
// "2025-03-04", read as midnight in Shanghai.
Result<Instant> ParseTimestamp(std::string_view text);

// The calendar date in Shanghai on which the instant falls.
std::chrono::year_month_day ShanghaiDate(Instant t);
// Midnight in Shanghai at the start of the given date, as an instant.
Instant ShanghaiMidnight(std::chrono::year_month_day date);
// "2025-03-04"
std::string FormatDate(std::chrono::year_month_day date);
Result<std::chrono::year_month_day> ParseDate(std::string_view text);

// The source of "now". Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// A clock that moves only when told to; for tests and for replaying history.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : ms_(ToUnixMillis(start)) {}
  Instant Now() const override { return FromUnixMillis(ms_.load()); }
  void Set(Instant t) { ms_.store(ToUnixMillis(t)); }
  void Advance(std::chrono::milliseconds d) { ms_.fetch_add(d.count()); }

 private:
  std::atomic<int64_t> ms_;
};

}  // namespace zhitong
