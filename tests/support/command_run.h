// Runs the real mnsim binary as a user or a script does, for the end-to-end CLI tests: standard
// output, standard error and the exit code of one command line.
#pragma once

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mnsim::testing {

struct CommandRun {
  int exitCode = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// `shellCommand` runs under /bin/sh; its standard error goes to a scratch file whose name carries
// the process id, because ctest runs each test in its own process, several at once.
inline CommandRun runCommand(const std::string& shellCommand) {
  static int counter = 0;
  const std::filesystem::path errPath =
      std::filesystem::temp_directory_path() /
      ("mnsim_test_err_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
  CommandRun run;
  // mnsim's keys, station id and runs go to a scratch home, never the user's (or CI's).
  const std::filesystem::path home = std::filesystem::temp_directory_path() / "mnsim_test_home";
  const std::string env = "export XDG_CONFIG_HOME='" + (home / "config").string() + "' XDG_DATA_HOME='" +
                          (home / "data").string() + "'; ";
  const bool ownEnv = shellCommand.find("XDG_CONFIG_HOME=") != std::string::npos;
  FILE* pipe = popen(((ownEnv ? "" : env) + shellCommand + " 2>'" + errPath.string() + "'").c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = readFile(errPath);
  std::filesystem::remove(errPath);
  return run;
}

}  // namespace mnsim::testing
