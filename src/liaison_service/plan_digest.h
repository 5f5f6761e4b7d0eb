// The digest of a liaison plan: what a reviewer approves and what apply checks. It is the lower-
// case hex SHA-256 (libsodium) of a canonical text of the whole diff — every current assignment
// and what becomes of it (kept, moved with its reason, ended with its reason), every new
// assignment, every uncovered enterprise with its reason — one line each, sorted by enterprise.
// The diff names both today's state and the target, so two plans with the same digest make the
// same writes; if anything in the directory or the assignments changed in a way that changes the
// plan, the digest changes too. Pure.
#pragma once

#include <string>

#include "liaison/assignment.h"

namespace zhitong::liaison_service {

// The canonical text ("zhitong-liaison-plan-v1" then one line per item) the digest is taken of.
std::string CanonicalPlanText(const liaison::Plan& plan);
std::string PlanDigest(const liaison::Plan& plan);

}  // namespace zhitong::liaison_service
