// Open311 GeoReport v2 at /open311/v2/ and its service discovery at /open311/discovery.{json,xml}
// (http://wiki.open311.org/GeoReport_v2, http://wiki.open311.org/Service_Discovery): the format
// is the path's extension (.xml, the standard's required one, or .json), errors are the
// standard's `errors` document, and the api_key is one of our API keys.
#pragma once

#include "access/auth.h"
#include "http/api.h"
#include "requests_service/request_service.h"
#include "storage/database.h"

namespace zhitong::http {

void RegisterOpen311Routes(Routes& routes, access::Auth& auth, storage::Database& db,
                           requests_service::RequestService& requests);

}  // namespace zhitong::http
