// One numbered step of the store's schema, the same for both databases (schema.h for SQLite,
// pg_schema.h for PostgreSQL). Private to the store module.
#pragma once

namespace mnsim {

struct Migration {
  int version;
  const char* what;
  const char* sql;
};

}  // namespace mnsim
