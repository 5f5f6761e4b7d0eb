// The terms of Chinese full-text search over requests: how a piece of request text (a title, a
// description, a reply) is folded and cut for the index, and how a query becomes a lookup. Search
// finds the query as a substring, ASCII letters folded to lower case, with no dictionary: queries of
// three or more characters are phrases of trigrams (SQLite FTS5 `trigram`, PostgreSQL `pg_trgm`);
// queries of one or two characters — common in Chinese (用工, 融资, 电) — cannot be served by a
// trigram index, so every piece is also indexed by its distinct one- and two-character grams, and
// such a query looks up its single gram. Both are exact: no false positives, no false negatives.
// Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zhitong::requests {

// A request's searchable text comes in pieces, each indexed under its own number:
// 0 the title, 1 the description, seq + 1 the reply of the event with that seq (seq >= 2).
inline constexpr int64_t kTitlePiece = 0;
inline constexpr int64_t kDescriptionPiece = 1;
inline int64_t ReplyPiece(int64_t seq) { return seq + 1; }
// Where one index row per piece needs a single integer key (SQLite FTS5 rowids):
// request id × 2^20 + piece. REQUIRES: piece < 2^20, id < 2^43.
inline constexpr int64_t kPiecesPerRequest = int64_t{1} << 20;
inline int64_t PieceKey(int64_t request_id, int64_t piece) { return request_id * kPiecesPerRequest + piece; }

// ASCII letters lowered; every other byte as it is.
std::string FoldForSearch(std::string_view text);

// The index token of one gram of folded text: "g" and the lower-case hex of its UTF-8 bytes
// ("用工" → "ge794a8e5b7a5"), so that any character, punctuation and spaces included, is one
// plain alphanumeric token to the FTS5 unicode61 tokenizer.
std::string GramToken(std::string_view gram);

// The distinct one- and two-character grams of folded text as tokens, space separated, in the
// order first seen. Invalid UTF-8 bytes count as one character each.
std::string GramTokens(std::string_view folded);

// An FTS5 query that matches `folded` as one phrase: the text in double quotes, '"' doubled.
std::string FtsPhrase(std::string_view folded);

// How a folded query is looked up: no condition (empty), by its gram (one or two characters),
// or by trigrams (three or more).
enum class SearchPath { kNone, kGram, kTrigram };
SearchPath SearchPathFor(std::string_view folded_query);

}  // namespace zhitong::requests
