// The bytes of attachments, content-addressed in the data directory: a file is stored once under
// the lower-case hex SHA-256 of its content (<root>/<first two hex digits>/<sha256>), so the same
// file attached twice, to one request or to many, takes its space once. A blob is written to a
// temporary file, fsync'd and renamed into place (then its folder is fsync'd), so a crash leaves
// either the whole blob or none; blobs are never changed or removed by the server. The database
// rows that name a blob are written after it is durable: a failed transaction can leave an
// unreferenced blob behind, never a row without its bytes. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace zhitong::attachments {

class BlobStore {
 public:
  // The store in folder `root` (created, with its parents, when missing).
  static Result<std::unique_ptr<BlobStore>> Open(std::string root);

  // Stores `bytes` and returns their SHA-256 (hex). When a blob with that digest is already
  // there, nothing is written. kInternal "attachment.write_failed" when the disk refuses.
  Result<std::string> Put(std::string_view bytes);

  // The bytes of blob `sha256`, checked against the digest. kNotFound "attachment.blob_missing"
  // when there is no such blob; kInternal "attachment.blob_corrupt" when the bytes on disk no
  // longer have that digest.
  Result<std::string> Get(const std::string& sha256) const;

  // The file of blob `sha256` (whether or not it exists). REQUIRES: sha256 is 64 hex digits.
  std::string PathOf(const std::string& sha256) const;

  const std::string& root() const { return root_; }

 private:
  explicit BlobStore(std::string root) : root_(std::move(root)) {}
  std::string root_;
};

// Lower-case hex SHA-256 of `bytes` (libsodium).
std::string Sha256Hex(std::string_view bytes);

}  // namespace zhitong::attachments
