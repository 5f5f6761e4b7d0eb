#include "cli/cli.h"

int main(int argc, char** argv) { return zhitong::cli::Main(argc, argv); }
