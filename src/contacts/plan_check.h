// Checking a published random inspection plan (双随机、一公开): read the plan as published (the
// JSON of GET /api/v1/public/inspection-plans/{id}), recompute the draw from its seed, pool,
// roster and target count, and compare with the published draw. What `zhitong inspections verify`
// runs. Pure: JSON in, a report out.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "contacts/draw.h"
#include "core/error.h"

namespace zhitong::contacts {

struct PublishedPlan {
  std::string algorithm;
  DrawInput input;
  DrawResult published;
};

// Reads the fields the draw depends on: algorithm, seed, target_count, pool and roster (arrays of
// keys, or of objects with a "key"), draw.targets ([{key, team:[key, key]}]). A clear
// input.invalid error names the first missing or malformed field.
Result<PublishedPlan> ParsePublishedPlan(const nlohmann::json& plan);

struct VerifyReport {
  bool match = false;
  std::string difference;     // English: the first difference, empty on a match
  std::string difference_zh;  // Chinese
  DrawResult recomputed;
};

// Recomputes and compares. An unknown algorithm or an invalid draw input is an error, not a
// mismatch.
Result<VerifyReport> VerifyPublishedPlan(const PublishedPlan& plan);

// The JSON form of a draw, as published: {"targets":[{"key", "team":[a, b]}]}.
nlohmann::json DrawJson(const DrawResult& draw);

}  // namespace zhitong::contacts
