// Routes of the directory: regions, departments, officials and enterprises (list, get, create,
// patch), their exports to CSV and .xlsx, and imports. Parse, call DirectoryService, render.
#pragma once

#include <cstdint>

#include "access/auth.h"
#include "directory_service/directory_service.h"
#include "http/api.h"

namespace zhitong::http {

// max_upload_bytes: the largest import body accepted.
void RegisterDirectoryRoutes(Routes& routes, access::Auth& auth, directory_service::DirectoryService& directory,
                             int64_t max_upload_bytes);

}  // namespace zhitong::http
