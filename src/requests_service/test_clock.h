// The clock of the requests service. In production the system clock; for end-to-end tests of
// deadlines, ZHITONG_FAKE_NOW fixes or steers "now" of the requests service only (sign-in and
// sessions keep real time):
//   ZHITONG_FAKE_NOW=2025-01-24T10:00:00+08:00   "now" is always that instant
//   ZHITONG_FAKE_NOW=@/path/to/file              "now" is the instant written in the file, read
//                                                again at every call (a test moves time by
//                                                rewriting the file)
// Never set it on a real server.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/error.h"

namespace zhitong::requests_service {

inline constexpr const char* kFakeNowVariable = "ZHITONG_FAKE_NOW";

// The system clock when ZHITONG_FAKE_NOW is unset; an error when it is set but unreadable.
Result<std::unique_ptr<Clock>> ClockFromEnvironmentForTest();

}  // namespace zhitong::requests_service
