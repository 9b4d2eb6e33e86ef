// A throwaway PostgreSQL cluster for the store tests: Debian's initdb and pg_ctl on a temporary
// folder, listening on loopback only at a free port, stopped and removed when it goes. As root (CI
// runs as root, and initdb refuses root) the server runs as the postgres user. The administrator
// connects over TCP with a password that lives only in this process and a 0600 file for initdb.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace mnsim::testing {

class PostgresCluster {
 public:
  // `tls`: the server offers TLS, with a certificate made for it here (openssl, self-signed).
  explicit PostgresCluster(bool tls = false) : m_tls(tls) { m_ok = start(true); }
  ~PostgresCluster() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  bool ok() const { return m_ok; }
  const std::string& why() const { return m_why; }
  int port() const { return m_port; }
  std::string adminConninfo() const { return conninfo("mnsim_admin", m_adminPassword); }
  const std::string& adminPassword() const { return m_adminPassword; }
  std::string conninfo(const std::string& user, const std::string& password) const {
    return "host=127.0.0.1 port=" + std::to_string(m_port) + " dbname=mnsim user=" + user + " password=" + password +
           " connect_timeout=5";
  }

  // Stops the server (fast: connections are cut), and starts it again on the same port.
  bool stop() {
    if (!m_started) return true;
    if (!run(ctl("stop -m fast"))) return false;
    m_started = false;
    return true;
  }
  bool restart() { return start(false); }

 private:
  static std::string binDir() {
    for (int v = 20; v >= 12; --v) {
      const std::string d = "/usr/lib/postgresql/" + std::to_string(v) + "/bin";
      if (std::filesystem::exists(d + "/initdb")) return d;
    }
    return "";
  }
  static int freePort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    int port = 0;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n) == 0)
      port = ntohs(a.sin_port);
    ::close(s);
    return port;
  }
  std::string as() const { return ::geteuid() == 0 ? "runuser -u postgres -- " : ""; }
  std::string ctl(const std::string& what) const {
    return as() + m_bin + "/pg_ctl -D '" + m_dir + "/data' -l '" + m_dir + "/server.log' -w -t 60 " + what;
  }
  bool run(const std::string& command) {
    const int rc = std::system((command + " >>'" + m_dir + "/harness.log' 2>&1").c_str());
    if (rc != 0) m_why = "failed: " + command + " (see " + m_dir + "/harness.log and server.log)";
    return rc == 0;
  }

  bool start(bool fresh) {
    if (fresh) {
      m_bin = binDir();
      if (m_bin.empty()) {
        m_why = "no PostgreSQL server here (Debian package postgresql; tools/install-deps.sh installs it)";
        return false;
      }
      char pattern[] = "/tmp/mnsim_pg_XXXXXX";
      if (!::mkdtemp(pattern)) return false;
      m_dir = pattern;
      std::mt19937_64 random{std::random_device{}()};
      m_adminPassword = std::to_string(random()) + std::to_string(random());
      m_port = freePort();
      const std::string pwfile = m_dir + "/pw";
      {
        std::ofstream(pwfile) << m_adminPassword << "\n";
      }
      if (::geteuid() == 0 && !run("chown -R postgres:postgres '" + m_dir + "' && chmod 0700 '" + m_dir + "'")) return false;
      if (!run(as() + m_bin + "/initdb -D '" + m_dir + "/data' -U mnsim_admin --pwfile='" + pwfile +
               "' --auth-local=scram-sha-256 --auth-host=scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8"))
        return false;
      std::filesystem::remove(pwfile);
      if (m_tls && !run(as() + "openssl req -new -x509 -days 2 -nodes -subj /CN=127.0.0.1 -keyout '" + m_dir + "/server.key' -out '" +
                        m_dir + "/server.crt'"))
        return false;
    }
    const std::string options = "-c listen_addresses=127.0.0.1 -c port=" + std::to_string(m_port) + " -c unix_socket_directories='" +
                                m_dir + "' -c fsync=off" +
                                (m_tls ? " -c ssl=on -c ssl_cert_file='" + m_dir + "/server.crt' -c ssl_key_file='" + m_dir + "/server.key'" : "");
    if (!run(ctl("-o \"" + options + "\" start"))) return false;
    m_started = true;
    if (fresh) {
      const std::string psql = "PGPASSWORD='" + m_adminPassword + "' /usr/bin/psql -X -q -h 127.0.0.1 -p " + std::to_string(m_port) +
                               " -U mnsim_admin -d postgres -c 'CREATE DATABASE mnsim'";
      if (!run(psql)) return false;
    }
    return true;
  }

  std::string m_bin, m_dir, m_adminPassword, m_why;
  int m_port = 0;
  bool m_tls = false, m_ok = false, m_started = false;
};

}  // namespace mnsim::testing
