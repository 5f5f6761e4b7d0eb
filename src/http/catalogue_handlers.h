// HTTP routes for administrators' edits of the category catalogue (派单目录) and the working-day
// calendar: POST /api/v1/categories, PATCH /api/v1/categories/:code, GET|PUT /api/v1/calendar/:year.
#pragma once

#include "access/auth.h"
#include "http/api.h"
#include "requests_service/request_service.h"

namespace zhitong::http {

void RegisterCatalogueRoutes(Routes& routes, access::Auth& auth, requests_service::RequestService& service);

}  // namespace zhitong::http
