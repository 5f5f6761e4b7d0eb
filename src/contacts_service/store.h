// Rows of the contacts tables as values: loading contacts with their departments and names,
// the facts the rules need, and findings to and from their stored JSON. Private to the service.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contacts/contact.h"
#include "contacts/rules.h"
#include "contacts_service/contacts_service.h"
#include "storage/database.h"

namespace zhitong::contacts_service {

// A WHERE fragment and its parameters.
struct Clause {
  std::string sql;
  std::vector<storage::Value> params;
};

// Which contacts (alias c) the actor may read; kForbidden for roles that read none.
Result<Clause> ContactScope(const access::Actor& actor);

// Contacts matching `where` (over contacts c; may end with ORDER BY / LIMIT), with names and
// departments.
Result<std::vector<Contact>> LoadContacts(storage::Tx& tx, const std::string& where,
                                          const std::vector<storage::Value>& params);

// The enterprise's contacts from `from` on, as the rules see them.
Result<std::vector<contacts::ContactFacts>> LoadFacts(storage::Tx& tx, int64_t enterprise_id, Instant from);
// Inspections of any enterprise started in [from, to), as the rules see them.
Result<std::vector<contacts::ContactFacts>> LoadInspections(storage::Tx& tx, Instant from, Instant to);
// Quiet periods of the enterprise (every status), or of every enterprise when enterprise_id is 0.
Result<std::vector<contacts::QuietPeriod>> LoadQuietPeriods(storage::Tx& tx, int64_t enterprise_id);
Result<contacts::DepartmentNames> LoadDepartmentNames(storage::Tx& tx);

nlohmann::json FindingsJson(const std::vector<contacts::Finding>& findings);
std::vector<contacts::Finding> FindingsFromJson(const std::string& text);

// input.invalid naming one field.
Error FieldInvalid(const std::string& field, const std::string& en, const std::string& zh);

}  // namespace zhitong::contacts_service
