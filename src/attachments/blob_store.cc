#include "attachments/blob_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace zhitong::attachments {
namespace {

namespace fs = std::filesystem;

Error WriteFailed(const std::string& what, int err) {
  return Error::Internal("attachment.write_failed", what + ": " + std::strerror(err), "附件保存失败");
}

bool IsHexDigest(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<void> FsyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return WriteFailed("open " + path, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return WriteFailed("fsync " + path, err);
  return Ok();
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(sizeof digest * 2);
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

Result<std::unique_ptr<BlobStore>> BlobStore::Open(std::string root) {
  if (sodium_init() < 0) return Error::Internal("attachment.sodium", "libsodium could not be initialised");
  std::error_code ec;
  fs::create_directories(fs::path(root) / "tmp", ec);
  if (ec) return Error::Internal("attachment.store_unavailable", "cannot create " + root + ": " + ec.message());
  return std::unique_ptr<BlobStore>(new BlobStore(std::move(root)));
}

std::string BlobStore::PathOf(const std::string& sha256) const {
  return root_ + "/" + sha256.substr(0, 2) + "/" + sha256;
}

Result<std::string> BlobStore::Put(std::string_view bytes) {
  const std::string sha = Sha256Hex(bytes);
  const std::string final_path = PathOf(sha);
  std::error_code ec;
  // Stored before (the same content, from any request): keep the one there.
  if (fs::exists(final_path, ec) && fs::file_size(final_path, ec) == bytes.size() && !ec) return sha;

  const std::string dir = root_ + "/" + sha.substr(0, 2);
  const bool new_dir = !fs::exists(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) return WriteFailed("mkdir " + dir, ec.value());
  static std::atomic<uint64_t> counter{0};
  const std::string tmp = root_ + "/tmp/" + sha + "." + std::to_string(::getpid()) + "." +
                          std::to_string(counter.fetch_add(1)) + ".part";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return WriteFailed("open " + tmp, errno);
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return WriteFailed("write " + tmp, err);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return WriteFailed("fsync " + tmp, err);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return WriteFailed("rename to " + final_path, err);
  }
  // The rename is durable once the folder holding the new name is (and, for a new folder, its parent).
  ZT_TRY(FsyncPath(dir, O_RDONLY | O_DIRECTORY));
  if (new_dir) ZT_TRY(FsyncPath(root_, O_RDONLY | O_DIRECTORY));
  return sha;
}

Result<std::string> BlobStore::Get(const std::string& sha256) const {
  if (!IsHexDigest(sha256)) {
    return Error::NotFound("attachment.blob_missing", "no stored file " + sha256, "附件文件不存在");
  }
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return Error::NotFound("attachment.blob_missing", "no stored file " + sha256, "附件文件不存在");
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string bytes = std::move(buf).str();
  if (Sha256Hex(bytes) != sha256) {
    return Error::Internal("attachment.blob_corrupt", "stored file " + sha256 + " no longer matches its digest",
                           "附件文件已损坏");
  }
  return bytes;
}

}  // namespace zhitong::attachments
