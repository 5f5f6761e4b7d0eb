// Office hours: the times of day, in Asia/Shanghai, at which working time passes on a working day.
// Deadlines counted in working days only advance inside these hours. The default is the whole day
// (00:00-24:00); a department may keep e.g. 09:00-12:00 and 13:30-17:30. Immutable value type.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace zhitong::calendar {

// [begin, end) as minutes after local midnight; 0 <= begin < end <= 24 * 60.
struct TimeOfDayInterval {
  std::chrono::minutes begin{0};
  std::chrono::minutes end{0};

  friend bool operator==(const TimeOfDayInterval&, const TimeOfDayInterval&) = default;
};

class OfficeHours {
 public:
  // The whole day, 00:00-24:00.
  OfficeHours();

  static OfficeHours WholeDay() { return OfficeHours(); }

  // REQUIRES nothing; returns an error unless the intervals are non-empty, each inside
  // 00:00-24:00 with begin < end, sorted and not overlapping (touching is allowed).
  static Result<OfficeHours> FromIntervals(std::vector<TimeOfDayInterval> intervals);

  // Parses "09:00-12:00,13:30-17:30" (spaces around items allowed; "24:00" only as an end).
  static Result<OfficeHours> Parse(std::string_view text);

  // The intervals, sorted and disjoint; never empty.
  const std::vector<TimeOfDayInterval>& intervals() const { return intervals_; }

  // Total length of the intervals: the working time of one working day. Always > 0.
  std::chrono::minutes PerDay() const;

  bool IsWholeDay() const;

  // "09:00-12:00,13:30-17:30"; Parse(ToString()) gives back an equal value.
  std::string ToString() const;

  friend bool operator==(const OfficeHours&, const OfficeHours&) = default;

 private:
  explicit OfficeHours(std::vector<TimeOfDayInterval> intervals)
      : intervals_(std::move(intervals)) {}

  std::vector<TimeOfDayInterval> intervals_;
};

}  // namespace zhitong::calendar
