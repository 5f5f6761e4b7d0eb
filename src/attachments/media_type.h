// What a file is, told by its content and never by its name: libmagic (Debian's `file`, the
// libmagic1 package) reads the bytes, and a whitelist says which kinds a request may carry.
// Accepted: PDF, PNG, JPEG, GIF, WebP, plain text (CSV included: it sniffs as text), the Office
// formats (docx/xlsx/pptx — ZIP files that libmagic recognises by their parts — and the legacy
// doc/xls/ppt) and OpenDocument text and spreadsheets. Everything else is refused: executables
// (ELF, PE), scripts, HTML and SVG (they run script in a browser), and plain ZIP or other archives
// (they can carry anything). Thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace zhitong::attachments {

// The media type libmagic gives the bytes ("application/pdf", "text/html",
// "application/x-sharedlib"; "application/x-empty" for none). kInternal when libmagic cannot
// be loaded.
Result<std::string> SniffMediaType(std::string_view bytes);

// True iff files of this (sniffed) media type are accepted.
bool IsAllowedMediaType(std::string_view media_type);

// The accepted media types, for documentation and clients.
std::span<const std::string_view> AllowedMediaTypes();

// The media type of `bytes` when it is accepted. Errors: kInvalid "attachment.empty" for no
// bytes; kInvalid "attachment.type_not_allowed" naming the sniffed type otherwise.
Result<std::string> CheckContent(std::string_view bytes);

// The Content-Type header to serve a file of this media type with: text/plain gets
// "; charset=utf-8" when the bytes are valid UTF-8.
std::string ContentTypeHeader(std::string_view media_type, std::string_view bytes);

}  // namespace zhitong::attachments
