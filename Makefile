# The front door. `make demo` builds and starts Zhitong on SQLite with the demo city;
# `make test` runs every test. Both install what they need first.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
TEST_DIR := build/test
DEMO_DB ?= var/demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all build demo test web bench clean format deps

all: build

deps:
	@scripts/install-deps.sh build

build: deps
	@cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release -DZHITONG_TESTS=OFF >/dev/null
	@cmake --build $(RELEASE_DIR) -j$(JOBS) --target zhitong

web:
	@if [ -f web/package.json ]; then scripts/build-web.sh; fi

demo: build web
	@scripts/demo.sh $(RELEASE_DIR)/zhitong $(DEMO_DB) $(LISTEN)

test:
	@scripts/test.sh

bench:
	@scripts/bench.sh

format:
	@find src bench tests -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build web/dist
