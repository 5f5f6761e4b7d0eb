// Files compiled into the binary at build time (migrations, the OpenAPI document, calendar data),
// declared per set by cmake's zhitong_embed(); see cmake/zhitong.cmake.
#pragma once

#include <cstddef>
#include <string_view>

namespace zhitong::embedded {

struct EmbeddedFile {
  const char* path;     // relative to the set's base folder, '/'-separated
  const char* content;  // the file's bytes
};

}  // namespace zhitong::embedded
