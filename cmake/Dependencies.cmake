# Finds the Debian 12 packages mnsim builds on (installed by tools/install-deps.sh).
find_package(glm REQUIRED)
find_package(assimp REQUIRED)
find_package(yaml-cpp REQUIRED)          # 0.7: plain target `yaml-cpp`
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)          # the embedded store (engine/src/store)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)   # hashing, later signatures
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)           # the store on PostgreSQL (engine/src/store)

if(MNSIM_BUILD_APP)
  find_package(glfw3 3.3 REQUIRED)
  find_package(OpenGL REQUIRED)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)   # imgui 1.86: only pkg-config
  find_program(GLAD_EXECUTABLE glad PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
  find_path(STB_INCLUDE_DIR stb_image_write.h PATHS /usr/include/stb REQUIRED)
  find_package(CURL REQUIRED)          # mnsim xapi --lrs: statements sent over HTTP(S)
endif()

if(MNSIM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

if(MNSIM_BUILD_BENCH)
  find_package(benchmark REQUIRED)
  find_package(embree 3 QUIET)           # the ray-cast peer in bench/; optional
endif()
