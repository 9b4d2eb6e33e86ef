# The two commands of the README. Both set up the machine (Debian packages), build ./build/mnsim
# and then either run the simulator or every test.
.PHONY: run test setup build build-asan clean fuzz-smoke

JOBS ?= $(shell nproc)

setup:
	@./tools/install-deps.sh

build: setup
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

build-asan: setup
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)

run: build
	./build/mnsim

# Release tests (engine, CLI, render tests under xvfb-run), then the engine and CLI tests again
# under AddressSanitizer and UndefinedBehaviorSanitizer (a unity build; the generators' checks,
# Generators.*, run in the release half only).
test: build build-asan
	ctest --preset release -j $(JOBS)
	ctest --preset asan -j $(JOBS)
	$(MAKE) fuzz-smoke

# A short libFuzzer run (5 s a target) over the scenario, answers, run and trace parsers and over
# the run readers (journal, verify), built with clang on their own (fuzz/README.md says how to run
# them for longer).
fuzz-smoke: setup
	cmake -S fuzz -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1
	cmake --build build-fuzz -j $(JOBS)
	./fuzz/run.sh build-fuzz 5 parsers
	./fuzz/run.sh build-fuzz 5 runs

clean:
	rm -rf build build-asan build-debug build-fuzz
