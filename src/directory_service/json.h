// JSON of directory entities, as the API returns them (docs/API-CONTRACT.md, api/openapi.json)
// and as the audit trail records them (before/after). Pure.
#pragma once

#include <nlohmann/json.hpp>

#include "directory/model.h"
#include "directory_service/directory_service.h"

namespace zhitong::directory_service {

nlohmann::json ToJson(const Versioned<directory::Region>& r);
nlohmann::json ToJson(const Versioned<directory::Department>& d);  // categories as request codes
nlohmann::json ToJson(const Versioned<directory::Official>& o);
nlohmann::json ToJson(const EnterpriseView& e);
nlohmann::json ToJson(const ImportReport& report);

}  // namespace zhitong::directory_service
