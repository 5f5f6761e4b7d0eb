// application/x-www-form-urlencoded bodies, as Open311's POST Service Request sends them
// (http://wiki.open311.org/GeoReport_v2#POST_Service_Request: "Content-Type:
// application/x-www-form-urlencoded; charset=utf-8"). Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace zhitong::open311 {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Name/value pairs in order: '&'-separated, '+' is a space, %XX escapes decoded. A malformed
// escape is kInvalid "open311.form_malformed".
Result<FormFields> ParseForm(std::string_view body);

}  // namespace zhitong::open311
