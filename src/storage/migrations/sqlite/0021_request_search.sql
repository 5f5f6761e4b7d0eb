-- Chinese full-text search over request titles, descriptions and replies (src/requests/search_terms.h,
-- src/requests_service/search_index.h). Each piece of text (title, description, one reply) is a row
-- keyed by request id × 2^20 + piece, in two contentless FTS5 tables (the text itself stays in
-- requests and request_events):
--   request_text   the FTS5 trigram tokenizer (SQLite >= 3.34; Debian 12 has 3.40): queries of three
--                  or more characters, as phrases of trigrams;
--   request_grams  every distinct one- and two-character gram as a hex token, rowids only
--                  (detail=none): queries of one or two characters, which trigrams cannot serve.
-- Text is indexed with ASCII letters folded to lower case (case_sensitive 1: the folding is ours,
-- the same on both backends).
CREATE VIRTUAL TABLE request_text USING fts5(body, tokenize = 'trigram case_sensitive 1', content = '');
CREATE VIRTUAL TABLE request_grams USING fts5(grams, tokenize = 'unicode61', content = '', detail = 'none');

-- Requests that existed before this migration, indexed by the server when it starts.
CREATE TABLE request_search_backlog (request_id BIGINT PRIMARY KEY);
INSERT INTO request_search_backlog (request_id) SELECT id FROM requests;
