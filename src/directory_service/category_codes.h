// The one place where the directory's Category enum meets the request categories of the
// `categories` table (0020_requests.sql). Five names differ (labor/labour, financing/finance,
// science/technology, logistics/transport, approval/approvals); the API and the database use the
// request codes. Pure.
#pragma once

#include <string_view>

#include "core/error.h"
#include "directory/model.h"

namespace zhitong::directory_service {

// The `categories.code` of a directory category ("labour" for kLabor).
std::string_view RequestCategoryCode(directory::Category c);
// The inverse; also accepts the directory's own names ("labor"). kInvalid
// "directory.unknown_category" otherwise.
Result<directory::Category> CategoryFromCode(std::string_view code);

}  // namespace zhitong::directory_service
