// The snapshot of a request kept in its row (requests.state_json): the domain Request, that is the
// fold of its timeline, as JSON. Reading a request for display uses the snapshot; changing one
// replays the timeline and writes a new snapshot in the same transaction.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "requests/model.h"

namespace zhitong::requests_service {

nlohmann::json SnapshotToJson(const requests::Request& r);
// The inverse of SnapshotToJson; kInternal "request.snapshot_malformed" when it does not parse.
Result<requests::Request> SnapshotFromJson(const std::string& text);

}  // namespace zhitong::requests_service
