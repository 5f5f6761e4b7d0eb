#include "escalation/ladder.h"

#include <algorithm>
#include <charconv>

namespace zhitong::escalation {
namespace {

Error Invalid(std::string_view text, const std::string& why_en, const std::string& why_zh) {
  return Error::Invalid("escalation.ladder_invalid",
                        "escalation ladder \"" + std::string(text) + "\" is invalid: " + why_en,
                        "督办层级设置“" + std::string(text) + "”有误：" + why_zh);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<Offset> ParseOffset(std::string_view s) {
  if (s == "0") return Offset{0, Offset::Unit::kWorkingDays};
  if (s.size() < 2) return std::nullopt;
  Offset o;
  const char unit = s.back();
  if (unit == 'd') o.unit = Offset::Unit::kWorkingDays;
  else if (unit == 'h') o.unit = Offset::Unit::kWorkingHours;
  else return std::nullopt;
  s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), o.amount);
  if (ec != std::errc() || p != s.data() + s.size() || o.amount < -1000 || o.amount > 1000) return std::nullopt;
  return o;
}

// Compares offsets by the working time they stand for on a whole-day calendar; the order of two
// offsets of different units does not depend on the office hours as long as a day has at most 24
// hours of them, which a day cannot exceed.
int64_t SortKey(const Offset& o) {
  return o.unit == Offset::Unit::kWorkingDays ? int64_t{o.amount} * 24 : int64_t{o.amount};
}

}  // namespace

Result<Ladder> ParseLadder(std::string_view text) {
  Ladder out;
  std::string_view rest = Trim(text);
  if (rest.empty()) return out;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view part = Trim(rest.substr(0, comma));
    const size_t colon = part.find(':');
    if (colon == std::string_view::npos) {
      return Invalid(text, "\"" + std::string(part) + "\" is not level:offset",
                     "“" + std::string(part) + "”不是“层级:时限”的形式");
    }
    auto level = requests::Parse<requests::EscalationLevel>(Trim(part.substr(0, colon)));
    if (!level) {
      return Invalid(text,
                     "unknown level \"" + std::string(Trim(part.substr(0, colon))) +
                         "\" (handler, department_head, liaison, district_leader, city_leader)",
                     "未知层级“" + std::string(Trim(part.substr(0, colon))) + "”");
    }
    auto offset = ParseOffset(Trim(part.substr(colon + 1)));
    if (!offset) {
      return Invalid(text, "offset \"" + std::string(Trim(part.substr(colon + 1))) + "\" is not 0, Nd or Nh",
                     "时限“" + std::string(Trim(part.substr(colon + 1))) + "”应为 0、N 天（d）或 N 小时（h）");
    }
    for (const Rung& r : out) {
      if (r.level == *level) {
        return Invalid(text, "level " + std::string(requests::Name(*level)) + " is listed twice",
                       "层级 " + std::string(requests::Name(*level)) + " 重复");
      }
    }
    if (!out.empty() && SortKey(*offset) < SortKey(out.back().offset)) {
      return Invalid(text, "offsets must not decrease along the ladder", "各层级的时限须依次递增");
    }
    out.push_back({*level, *offset});
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return out;
}

std::string FormatLadder(const Ladder& ladder) {
  std::string out;
  for (const Rung& r : ladder) {
    if (!out.empty()) out += ',';
    out += requests::Name(r.level);
    out += ':';
    if (r.offset.amount == 0) {
      out += '0';
    } else {
      out += std::to_string(r.offset.amount);
      out += r.offset.unit == Offset::Unit::kWorkingDays ? 'd' : 'h';
    }
  }
  return out;
}

calendar::Duration WorkingTime(const calendar::WorkingCalendar& cal, const Offset& offset) {
  using std::chrono::duration_cast;
  if (offset.unit == Offset::Unit::kWorkingHours) {
    return duration_cast<calendar::Duration>(std::chrono::hours(offset.amount));
  }
  return duration_cast<calendar::Duration>(cal.office_hours().PerDay()) * offset.amount;
}

bool Reached(const calendar::WorkingCalendar& cal, const Rung& rung, Instant due_at, Instant now) {
  const calendar::Duration offset = WorkingTime(cal, rung.offset);
  if (offset < calendar::Duration::zero()) {
    // Near due: no more than |offset| of working time left (or already past it).
    return now >= due_at || calendar::WorkingTimeBetween(cal, now, due_at) <= -offset;
  }
  return now >= due_at && calendar::WorkingTimeBetween(cal, due_at, now) >= offset;
}

Ladder ReachedRungs(const calendar::WorkingCalendar& cal, const Ladder& ladder, Instant due_at, Instant now) {
  Ladder out;
  for (const Rung& r : ladder) {
    if (Reached(cal, r, due_at, now)) out.push_back(r);
  }
  return out;
}

Instant Horizon(const calendar::WorkingCalendar& cal, const Ladder& ladder, Instant now) {
  calendar::Duration lead = calendar::Duration::zero();
  for (const Rung& r : ladder) lead = std::max(lead, -WorkingTime(cal, r.offset));
  // AddWorkingTime gives the earliest instant with that much working time; a due time later than
  // it but with no more working time in between (it lies in a night or a holiday) is covered by
  // going on to the end of the next non-working stretch: one more working day covers it.
  if (lead == calendar::Duration::zero()) return now;
  return calendar::AddWorkingTime(cal, now, lead + WorkingTime(cal, Offset{1, Offset::Unit::kWorkingDays}));
}

std::optional<Instant> AutoCloseAt(const calendar::WorkingCalendar& cal, const AutoClosePolicy& policy,
                                   Instant replied_at) {
  if (policy.days <= 0) return std::nullopt;
  if (policy.working) return calendar::AddWorkingDays(cal, replied_at, policy.days);
  return replied_at + std::chrono::days(policy.days);
}

}  // namespace zhitong::escalation
