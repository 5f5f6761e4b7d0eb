#include "cli/cli.h"
namespace zhitong::cli {
int Main(int, char**) { return 0; }
}
