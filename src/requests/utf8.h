// UTF-8 helpers for request text: validation, counting and splitting into code points. Chinese
// text is measured in characters (code points), not bytes. (A candidate for core/ once another
// module needs it.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhitong::requests {

// The code points of text, or nullopt when text is not well-formed UTF-8 (overlong forms,
// surrogates and values above U+10FFFF are not well-formed).
std::optional<std::u32string> DecodeUtf8(std::string_view text);

// Appends the UTF-8 encoding of a valid code point.
void AppendUtf8(char32_t cp, std::string& out);

// True iff text is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// The number of code points. REQUIRES: IsValidUtf8(text).
size_t CountCodePoints(std::string_view text);

}  // namespace zhitong::requests
