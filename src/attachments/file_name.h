// File names of attachments as people give them, and as a download offers them again: cleaned on
// the way in (no folders, no control or direction-changing characters), encoded on the way out in
// a Content-Disposition header that old and new browsers read (RFC 6266 §4.3: an ASCII
// `filename` fallback beside the UTF-8 `filename*` of RFC 5987). Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace zhitong::attachments {

inline constexpr size_t kMaxNameChars = 255;

// The name to keep: the last path segment of `given` (after any '/' or '\'), trimmed of spaces.
// Errors (kInvalid): "attachment.name_required" when nothing is left (or only "." / ".."),
// "attachment.name_invalid" for bytes that are not UTF-8, control characters or Unicode
// direction overrides (which make "exe.pdf" out of "fdp.exe"), "attachment.name_too_long" beyond
// kMaxNameChars characters.
Result<std::string> CleanFileName(std::string_view given);

// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>`. The
// fallback replaces every non-ASCII byte, '"' and '\' by '_'; the encoded form keeps RFC 5987's
// attr-char (ALPHA DIGIT !#$&+-.^_`|~) and percent-encodes every other byte.
// REQUIRES: name is a CleanFileName result.
std::string ContentDisposition(std::string_view name);

}  // namespace zhitong::attachments
