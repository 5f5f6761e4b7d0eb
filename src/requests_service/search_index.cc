#include "requests_service/search_index.h"

#include "requests/search_terms.h"
#include "storage/like.h"

namespace zhitong::requests_service {
namespace {

using requests::SearchPath;
using storage::Dialect;
using storage::Sql;
using storage::Tx;

const Sql kInsertText{"INSERT INTO request_text (rowid, body) VALUES (?, ?)",
                      "INSERT INTO request_texts (request_id, piece, body) VALUES (?, ?, ?)"};
const Sql kInsertGrams{"INSERT INTO request_grams (rowid, grams) VALUES (?, ?)"};
const Sql kBacklogBatch{"SELECT request_id FROM request_search_backlog ORDER BY request_id LIMIT 200"};
const Sql kClaim{"DELETE FROM request_search_backlog WHERE request_id = ?"};

}  // namespace

Result<void> IndexPiece(Tx& tx, int64_t request_id, int64_t piece, std::string_view text) {
  if (text.empty()) return Ok();
  const std::string folded = requests::FoldForSearch(text);
  if (tx.dialect() == Dialect::kPostgres) {
    ZT_TRY(tx.Exec(kInsertText, request_id, piece, folded));
    return Ok();
  }
  const int64_t key = requests::PieceKey(request_id, piece);
  ZT_TRY(tx.Exec(kInsertText, key, folded));
  ZT_TRY(tx.Exec(kInsertGrams, key, requests::GramTokens(folded)));
  return Ok();
}

Result<void> IndexEvents(Tx& tx, int64_t request_id, std::span<const requests::Event> events) {
  for (const auto& e : events) {
    if (e.type == requests::Action::kSubmit) {
      ZT_TRY(IndexPiece(tx, request_id, requests::kTitlePiece, e.Get("title")));
      ZT_TRY(IndexPiece(tx, request_id, requests::kDescriptionPiece, e.Get("description")));
    } else if (e.type == requests::Action::kReply) {
      ZT_TRY(IndexPiece(tx, request_id, requests::ReplyPiece(e.seq), e.note));
    }
  }
  return Ok();
}

Result<int64_t> IndexBacklog(storage::Database& db) {
  int64_t indexed = 0;
  for (;;) {
    int64_t batch = 0;
    ZT_TRY(db.Write([&](Tx& tx) -> Result<void> {
      ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kBacklogBatch));
      for (const auto& row : rows) {
        const int64_t id = row.i64("request_id");
        ZT_ASSIGN_OR_RETURN(int64_t claimed, tx.Exec(kClaim, id));
        if (claimed != 1) continue;
        ZT_ASSIGN_OR_RETURN(auto events, LoadEvents(tx, id));
        ZT_TRY(IndexEvents(tx, id, events));
        ++batch;
      }
      return Ok();
    }));
    indexed += batch;
    if (batch == 0) return indexed;
  }
}

Result<SearchPlan> PlanSearch(Tx& tx, std::string_view query, int64_t dense_pieces) {
  const std::string folded = requests::FoldForSearch(query);
  const SearchPath path = requests::SearchPathFor(folded);
  if (path == SearchPath::kNone) return SearchPlan{{"1 = 1", {}}, std::nullopt};
  if (tx.dialect() == Dialect::kSqlite) {
    // Integer division of the FTS5 rowid (PieceKey) gives the request id.
    static_assert(requests::kPiecesPerRequest == 1048576);
    const bool grams = path == SearchPath::kGram;
    const std::string table = grams ? "request_grams" : "request_text";
    const std::string term = grams ? requests::GramToken(folded) : requests::FtsPhrase(folded);
    const std::string match = " FROM " + table + " WHERE " + table + " MATCH ?";
    ZT_ASSIGN_OR_RETURN(auto probe, tx.Query("SELECT COUNT(*) AS n FROM (SELECT 1" + match + " LIMIT ?) p",
                                             {term, dense_pieces}));
    const bool dense = !probe.empty() && probe[0].i64("n") >= dense_pieces;
    SearchPlan plan{{std::string(dense ? "+r.id" : "r.id") + " IN (SELECT rowid / 1048576" + match + ")", {term}},
                    std::nullopt};
    if (!dense) plan.driver = Clause{"(SELECT DISTINCT rowid / 1048576 AS id" + match + ") m", {term}};
    return plan;
  }
  if (path == SearchPath::kGram) {
    return SearchPlan{
        {"r.id IN (SELECT t.request_id FROM request_texts t WHERE zt_search_grams(t.body) @> ARRAY[?::text])", {folded}},
        std::nullopt};
  }
  return SearchPlan{{"r.id IN (SELECT t.request_id FROM request_texts t WHERE t.body LIKE ? ESCAPE '\\')",
                     {storage::LikeContains(folded)}},
                    std::nullopt};
}

}  // namespace zhitong::requests_service
