// HTTP routes of direct-line requests (诉求) and their category catalogue, under /api/v1:
// parse and validate input (field by field, bilingual), call one RequestService function, render
// JSON (times in +08:00). No business rules here.
#pragma once

#include "access/auth.h"
#include "http/api.h"
#include "requests_service/request_service.h"

namespace zhitong::http {

// max_upload_bytes: the largest attachment body accepted (larger: 413 http.body_too_large).
void RegisterRequestRoutes(Routes& routes, access::Auth& auth, requests_service::RequestService& service,
                           int64_t max_upload_bytes);

}  // namespace zhitong::http
