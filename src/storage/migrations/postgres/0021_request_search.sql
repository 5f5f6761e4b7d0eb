-- Chinese full-text search over request titles, descriptions and replies (src/requests/search_terms.h,
-- src/requests_service/search_index.h). Each piece of text (title, description, one reply) is a row
-- of request_texts, its text with ASCII letters folded to lower case, with two GIN indexes:
--   pg_trgm on body      LIKE '%…%' of three or more characters (a UTF-8 database; the trigram
--                        extraction handles Chinese characters as word characters);
--   zt_search_grams(body) every distinct one- and two-character gram: queries of one or two
--                        characters, for which pg_trgm extracts no trigram and would scan the index.
-- pg_trgm ships with PostgreSQL (postgresql-15 on Debian) and is a trusted extension: a database
-- owner may create it. It is referenced as public.gin_trgm_ops, so it must live in public.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE TABLE request_texts (
  request_id BIGINT NOT NULL REFERENCES requests(id),
  piece INTEGER NOT NULL,         -- 0 title, 1 description, seq + 1 the reply of event seq
  body TEXT NOT NULL,
  PRIMARY KEY (request_id, piece)
);

-- The distinct one- and two-character substrings of a text.
CREATE FUNCTION zt_search_grams(body text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(body, i, 1) AS g FROM generate_series(1, char_length(body)) AS i
    UNION ALL
    SELECT substr(body, i, 2) FROM generate_series(1, char_length(body) - 1) AS i
  ) AS grams
$$;

CREATE INDEX request_texts_trgm ON request_texts USING gin (body public.gin_trgm_ops);
CREATE INDEX request_texts_grams ON request_texts USING gin (zt_search_grams(body));

-- Requests that existed before this migration, indexed by the server when it starts.
CREATE TABLE request_search_backlog (request_id BIGINT PRIMARY KEY);
INSERT INTO request_search_backlog (request_id) SELECT id FROM requests;
