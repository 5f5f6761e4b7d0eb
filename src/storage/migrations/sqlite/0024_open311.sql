-- Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): what a request filed through
-- Open311 carries beyond our own request — its location as coordinates or an address id, a media
-- URL, and the requester's contact details for the revisit (回访). Written in the submission's
-- transaction; the request itself (title, description, category, the address string as its
-- location) is an ordinary request. See src/open311/.
CREATE TABLE open311_requests (
  request_id BIGINT PRIMARY KEY REFERENCES requests(id),
  lat DOUBLE PRECISION,             -- WGS84
  lon DOUBLE PRECISION,             -- WGS84 (Open311's "long")
  address_id TEXT,
  media_url TEXT,
  email TEXT,
  first_name TEXT,
  last_name TEXT,
  phone TEXT,
  device_id TEXT,
  account_id TEXT
);
