// The search index of requests (the terms are in requests/search_terms.h): written in the
// transaction of every change that adds searchable text (the submit event's title and description,
// each reply event's note), read by RequestService::List through SearchClause. The SQL of both
// backends is here and in migration 0021:
//   SQLite      two contentless FTS5 tables keyed by PieceKey(request id, piece): request_text
//               (trigram tokenizer) and request_grams (one- and two-character gram tokens);
//   PostgreSQL  request_texts (request_id, piece, body) with a pg_trgm GIN index on body and a GIN
//               index on zt_search_grams(body).
// Queries of three or more characters go to the trigram index; of one or two to the gram index,
// which holds exactly the one- and two-character substrings, so no query scans every request.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/error.h"
#include "requests/event.h"
#include "requests_service/store.h"
#include "storage/database.h"

namespace zhitong::requests_service {

// Indexes one piece of a request's text (nothing for empty text).
Result<void> IndexPiece(storage::Tx& tx, int64_t request_id, int64_t piece, std::string_view text);

// Indexes the text that `events` add: a submit event's title and description, a reply event's note.
Result<void> IndexEvents(storage::Tx& tx, int64_t request_id, std::span<const requests::Event> events);

// Indexes the requests that migration 0021 left in request_search_backlog (those that existed
// before search), a batch per transaction; each is claimed by deleting its backlog row, so two
// servers starting together do not index one twice. Returns how many were indexed.
Result<int64_t> IndexBacklog(storage::Database& db);

// How a list reads "the request's title, description or a reply contains `query`" (ASCII
// letters folded) over `requests r`.
struct SearchPlan {
  // The condition: {"1 = 1", {}} for an empty query, else an uncorrelated `r.id IN (…)`.
  Clause condition;
  // SQLite, a rare query: the matching request ids as a table `m` (column id) to read first —
  // `FROM <driver> CROSS JOIN requests r WHERE r.id = m.id` — instead of the condition, so that
  // the few matches are looked up by id (without statistics SQLite's planner would rather walk
  // an index of another filter, e.g. every closed request, and probe the list).
  std::optional<Clause> driver;
};

// On SQLite how the page reads the match depends on how many pieces of text match (one FTS5
// probe of at most `dense_pieces` rows): a rare query gets a driver (above); a common one ("电",
// "审批": a large share of the history) is written `+r.id IN (…)`, which keeps SQLite from
// driving the query by id, so it walks an index in the page's order and stops at the page's last
// row instead of reading and sorting every match (docs/BENCHMARKS.md, Chinese search).
Result<SearchPlan> PlanSearch(storage::Tx& tx, std::string_view query, int64_t dense_pieces);

}  // namespace zhitong::requests_service
