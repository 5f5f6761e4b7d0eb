// The SQL of the requests service, in one place: rows of requests, their timelines, co-handlers,
// categories, and the scope clause that limits every read to what the acting user may see.
// Functions of a Tx; the service decides when to call them and in which transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "requests/event.h"
#include "requests/model.h"
#include "requests_service/deadlines.h"
#include "storage/database.h"

namespace zhitong::requests_service {

struct Category {
  std::string code;
  std::string name;
  std::string name_en;
  std::optional<int64_t> department_id;
  int reply_days = 5;
  int urgent_hours = 24;
  bool active = true;
  int sort_order = 0;  // place in the catalogue, ascending

  DeadlinePolicy policy() const { return {reply_days, urgent_hours}; }
};

// A request as stored: the snapshot and what the joins add for display.
struct StoredRequest {
  int64_t id = 0;
  requests::Request request;
  std::optional<int64_t> region_id;
  std::optional<int64_t> liaison_official_id;
  std::string enterprise_name;
  std::string category_name;
  std::string category_name_en;
  std::string department_name;
  DeadlinePolicy policy;
  Instant updated_at{};  // the last change of the row
};

// A WHERE fragment over `requests r` with its bound values.
struct Clause {
  std::string sql;
  std::vector<storage::Value> params;
  // Set when the clause means exactly "handled or co-handled by this department" (a handler's
  // scope), so that a list can read the two halves through their own indexes (request_list.cc).
  std::optional<int64_t> department_id;
};

// What the actor may see: admin, dispatcher and city-wide leaders everything; a district leader
// the requests of enterprises in their region (or a zone under it); a liaison those they were the
// liaison of at intake and those of the enterprises assigned to them now; a handler those their department handles or co-handles; an enterprise user their
// enterprise's; a public user their own.
Clause ScopeClause(const access::Actor& actor);

// What Open311 publishes to callers without an API key: the requests citizens filed through
// Open311 (channel open311, no enterprise), as every Open311 city publishes its 311 reports.
// Enterprise requests are never in it.
Clause PublishedClause();

// Decimal text of an id, and back (nullopt for text that is not a positive integer).
std::string IdText(int64_t id);
std::optional<int64_t> IdValue(const std::optional<std::string>& text);

Result<std::vector<Category>> LoadCategories(storage::Tx& tx, bool active_only);
Result<std::optional<Category>> LoadCategory(storage::Tx& tx, const std::string& code);
Result<bool> DepartmentExists(storage::Tx& tx, int64_t id);
// The region of an enterprise; nullopt when there is no such enterprise.
Result<std::optional<std::optional<int64_t>>> EnterpriseRegion(storage::Tx& tx, int64_t id);

// The enterprises (a WHERE fragment over `enterprises e`) an actor may name in a request query,
// as the directory scopes them: all for admin, dispatcher, city leader and handler; a district
// leader's region (or a zone under it); a liaison's assigned enterprises; an enterprise user's own;
// none for the public.
Clause EnterpriseScopeClause(const access::Actor& actor);
// The region of an enterprise the actor may see; nullopt when there is no such enterprise or it
// is outside the actor's scope (the two are not told apart, so ids cannot be probed).
Result<std::optional<std::optional<int64_t>>> VisibleEnterpriseRegion(storage::Tx& tx, int64_t id,
                                                                      const access::Actor& actor);
// The official serving an enterprise now (of several active assignments, the longest-standing).
Result<std::optional<int64_t>> EnterpriseLiaison(storage::Tx& tx, int64_t enterprise_id);

// Creates the row of a new request (status submitted, version 0) under its category's deadline
// policy and returns its id; the caller then appends the submit event and saves the projection.
Result<int64_t> InsertRequestRow(storage::Tx& tx, int64_t submitter_user_id, std::optional<int64_t> enterprise_id,
                                 std::optional<int64_t> region_id, std::optional<int64_t> liaison_official_id,
                                 const DeadlinePolicy& policy, Instant now);
// The deadline policy a request is held to from now on (its category changed).
Result<void> SavePolicy(storage::Tx& tx, int64_t id, const DeadlinePolicy& policy);
// Only the stored due instants of a request (the working-day calendar changed under it).
Result<void> SaveDeadlines(storage::Tx& tx, int64_t id, const Deadlines& d);

// The request with its joins, if it exists and `scope` admits it.
Result<std::optional<StoredRequest>> LoadRequest(storage::Tx& tx, int64_t id, const Clause& scope);
// Rows from a prepared statement of kSelectStored + conditions.
Result<std::vector<StoredRequest>> LoadRequests(storage::Tx& tx, const std::string& where_and_order,
                                                const std::vector<storage::Value>& params);

Result<std::vector<requests::Event>> LoadEvents(storage::Tx& tx, int64_t id);
// One event from a row of request_events (columns seq, action, actor_user_id, actor_role, at,
// note, payload, prev_hash, hash) of request `id`.
Result<requests::Event> EventFromRow(const storage::ResultSet::Row& row, int64_t id);
// Appends one event; a clash on (request_id, seq) is request.version_conflict.
Result<void> AppendEvent(storage::Tx& tx, int64_t id, const requests::Event& e);

// Writes the projection of `r` (the fold of its timeline) and its deadlines into its row, when
// the row is still at `expected_version`; otherwise request.version_conflict. Also keeps
// request_cohandlers equal to r.cohandling_departments.
Result<void> SaveProjection(storage::Tx& tx, int64_t id, const requests::Request& r, const Deadlines& d,
                            int64_t expected_version, Instant now);

// A request's enterprise region for similarity candidates; candidate rows (open, same enterprise
// or region, within scope), newest first, at most `limit`.
Result<std::vector<StoredRequest>> LoadSimilarCandidates(storage::Tx& tx, std::optional<int64_t> enterprise_id,
                                                         std::optional<int64_t> region_id, const Clause& scope,
                                                         int limit);

// A file attached to a request (request_attachments): its bytes are the blob `sha256` of the
// attachments store.
struct StoredAttachment {
  int64_t id = 0;
  int64_t request_id = 0;
  int64_t seq = 0;  // the attach event
  std::string file_name;
  std::string media_type;
  int64_t size = 0;
  std::string sha256;
  int64_t uploaded_by = 0;
  std::string uploader_name;  // the uploader's display name
  Instant uploaded_at{};
};

// Adds the row of an attachment; returns its id.
Result<int64_t> InsertAttachment(storage::Tx& tx, const StoredAttachment& a);
// The attachments of a request, oldest first.
Result<std::vector<StoredAttachment>> LoadAttachments(storage::Tx& tx, int64_t request_id);
// One attachment of a request, by its id or by the seq of its attach event.
Result<std::optional<StoredAttachment>> LoadAttachment(storage::Tx& tx, int64_t request_id, int64_t attachment_id);
Result<std::optional<StoredAttachment>> LoadAttachmentBySeq(storage::Tx& tx, int64_t request_id, int64_t seq);

Error VersionConflict(int64_t expected);

}  // namespace zhitong::requests_service
