#pragma once
namespace zhitong::cli {
int Main(int argc, char** argv);
}
