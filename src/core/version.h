// The version of this build of Zhitong.
#pragma once

namespace zhitong {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace zhitong
