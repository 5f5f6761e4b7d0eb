// Process logging through spdlog: human-readable text lines, or one JSON object per line for
// log collectors. The access log has its own logger so that, in JSON mode, each request is one
// flat JSON object.
#pragma once

#include <string>

namespace zhitong {

// format: "text" | "json"; level: trace | debug | info | warn | error.
void SetUpLogging(const std::string& format, const std::string& level);

// Writes one access-log record that is already a JSON object (JSON mode) or a text line.
void LogAccess(const std::string& line);

}  // namespace zhitong
