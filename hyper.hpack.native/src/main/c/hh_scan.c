/*
 * Structural pre-scan of HPACK representations (RFC 7541 §5, §6); see hh_scan.h for why it exists.
 *
 *   Indexed Header Field (§6.1)          Literal Header Field (§6.2)
 *     0   1   2   3   4   5   6   7        0   1   2   3   4   5   6   7
 *   +---+---+---+---+---+---+---+---+    +---+---+---+---+---+---+---+---+
 *   | 1 |        Index (7+)         |    | 0 | 1 |      Index (6+)       |  incremental indexing
 *   +---+---------------------------+    | 0 | 0 | 0 | 0 |  Index (4+)   |  without indexing
 *                                        | 0 | 0 | 0 | 1 |  Index (4+)   |  never indexed
 *   Dynamic Table Size Update (§6.3)     +---+---+-----------------------+
 *   +---+---+---+---+---+---+---+---+    | H |     Name Length (7+)      |  only when Index is 0
 *   | 0 | 0 | 1 |   Max size (5+)   |    +---+---------------------------+
 *   +---+---+---+-------------------+    |  Name String (Length octets)  |
 *                                        +---+---------------------------+
 *                                        | H |     Value Length (7+)     |
 *                                        +---+---------------------------+
 *                                        | Value String (Length octets)  |
 *                                        +-------------------------------+
 */
#include "hh_scan.h"

#include "hh_common.h"

/* Where in a representation the next octet falls. */
enum { PH_OPCODE, PH_INT, PH_STR_HEAD, PH_STR_BODY };

/* What the integer being read means. */
enum { ROLE_INDEX, ROLE_NAME_INDEX, ROLE_SIZE, ROLE_NAME_LENGTH, ROLE_VALUE_LENGTH };

/* Internal step result besides HS_COMPLETE and HS_ERROR: read on. */
#define GO_ON HS_PARTIAL

/* Integers are at most 2^31 - 1 here (every HPACK quantity fits, and Java sizes are ints). */
#define INT_LIMIT 0x7fffffffu

/*
 * After the prefix, continuation octets carry 7 bits each, lowest first (§5.1). Five of them cover
 * every 31-bit value, so a continuation bit on the fifth (shift 28) means an over-long encoding.
 */
#define LAST_SHIFT 28u

static int fail(hh_scan *s, int reason, uint64_t value, uint64_t limit) {
  s->error = reason;
  s->error_value = value;
  s->error_limit = limit;
  return HS_ERROR;
}

void hh_scan_init(hh_scan *s, uint32_t max_string) {
  *s = (hh_scan){0};
  s->allowed_max = 4096;
  s->table_max = 4096;
  s->required_max = -1;
  s->phase = PH_OPCODE;
  hh_scan_set_max_string(s, max_string);
}

void hh_scan_set_max_string(hh_scan *s, uint32_t max_string) {
  s->configured_max_string = max_string;
  s->max_string = max_string < HH_NGHTTP2_MAX_STRING ? max_string : HH_NGHTTP2_MAX_STRING;
}

/*
 * Lowering the limit below the table's current maximum obliges the peer to open a later block with an
 * update no larger than the lowest limit since (RFC 7541 §4.2); the table itself shrinks only then.
 */
void hh_scan_settings(hh_scan *s, uint32_t acknowledged) {
  s->allowed_max = acknowledged;
  if (acknowledged < s->table_max && (s->required_max < 0 || acknowledged < s->required_max)) {
    s->required_max = acknowledged;
  }
}

int hh_scan_between_blocks(const hh_scan *s) {
  return !s->in_block && s->phase == PH_OPCODE;
}

/* The first representation that is not a size update: a required update can no longer come. */
static int start_fields(hh_scan *s) {
  if (!s->fields_started) {
    if (s->required_max >= 0) {
      return fail(s, HH_TABLE_SIZE_UPDATE_MISSING, 0, (uint64_t)s->required_max);
    }
    s->fields_started = 1;
  }
  return GO_ON;
}

static int string_done(hh_scan *s) {
  if (s->int_role == ROLE_NAME_LENGTH) {
    s->int_role = ROLE_VALUE_LENGTH;
    s->phase = PH_STR_HEAD;
    return GO_ON;
  }
  return HS_COMPLETE;
}

/* An integer is complete: check it against the rule for what it is. */
static int on_integer(hh_scan *s, uint32_t v, uint32_t dynamic_entries) {
  uint64_t entries = (uint64_t)HH_STATIC_ENTRIES + dynamic_entries;
  int r;
  switch (s->int_role) {
  case ROLE_INDEX: /* §6.1: index 0 is an error, and so is one beyond both tables (§2.3.3) */
    r = start_fields(s);
    if (r != GO_ON) {
      return r;
    }
    if (v == 0 || v > entries) {
      return fail(s, HH_INVALID_INDEX, v, entries);
    }
    s->name_index = v;
    return HS_COMPLETE;
  case ROLE_NAME_INDEX:
    r = start_fields(s);
    if (r != GO_ON) {
      return r;
    }
    if (v > entries) {
      return fail(s, HH_INVALID_INDEX, v, entries);
    }
    s->name_index = v;
    s->int_role = v == 0 ? ROLE_NAME_LENGTH : ROLE_VALUE_LENGTH;
    s->phase = PH_STR_HEAD;
    return GO_ON;
  case ROLE_SIZE: /* §4.2: only before the first field; a shrink and a final size are all an encoder needs */
    if (s->fields_started || s->size_updates == 2) {
      return fail(s, HH_TABLE_SIZE_UPDATE_MISPLACED, v, (uint64_t)s->size_updates);
    }
    if (v > s->allowed_max) { /* §6.3 */
      return fail(s, HH_TABLE_SIZE_UPDATE_TOO_LARGE, v, s->allowed_max);
    }
    s->size_updates++;
    if (s->required_max >= 0 && v <= s->required_max) {
      s->required_max = -1;
    }
    s->table_max = v;
    return HS_COMPLETE;
  default: /* a string length (§5.2), refused before nghttp2 allocates for it */
    if (v > s->max_string) {
      return fail(s, HH_STRING_TOO_LONG, v, s->max_string);
    }
    if (v == 0) {
      return string_done(s);
    }
    s->str_left = v;
    s->phase = PH_STR_BODY;
    return GO_ON;
  }
}

/* The first octet of an integer with a |prefix_bits|-bit prefix (§5.1). */
static int begin_integer(hh_scan *s, uint8_t b, unsigned prefix_bits, uint32_t dynamic_entries) {
  uint32_t mask = (1u << prefix_bits) - 1u;
  uint32_t v = b & mask;
  if (v < mask) {
    return on_integer(s, v, dynamic_entries);
  }
  s->int_value = mask;
  s->int_shift = 0;
  s->phase = PH_INT;
  return GO_ON;
}

static int continue_integer(hh_scan *s, uint8_t b, uint32_t dynamic_entries) {
  s->int_value += (uint64_t)(b & 0x7fu) << s->int_shift;
  if (s->int_value > INT_LIMIT) {
    return fail(s, HH_INTEGER_OVERFLOW, s->int_value, INT_LIMIT);
  }
  if (b & 0x80u) {
    if (s->int_shift >= LAST_SHIFT) {
      return fail(s, HH_INTEGER_OVERFLOW, s->int_value, INT_LIMIT);
    }
    s->int_shift += 7;
    return GO_ON;
  }
  return on_integer(s, (uint32_t)s->int_value, dynamic_entries);
}

static int on_opcode(hh_scan *s, uint8_t b, uint32_t dynamic_entries) {
  s->in_block = 1;
  s->name_index = 0;
  s->huffman = 0;
  if (b & 0x80u) { /* 1xxxxxxx */
    s->kind = HK_INDEXED;
    s->int_role = ROLE_INDEX;
    return begin_integer(s, b, 7, dynamic_entries);
  }
  if ((b & 0xe0u) == 0x20u) { /* 001xxxxx */
    s->kind = HK_SIZE_UPDATE;
    s->int_role = ROLE_SIZE;
    return begin_integer(s, b, 5, dynamic_entries);
  }
  s->int_role = ROLE_NAME_INDEX;
  if (b & 0x40u) { /* 01xxxxxx */
    s->kind = HK_INCREMENTAL;
    return begin_integer(s, b, 6, dynamic_entries);
  }
  s->kind = (b & 0x10u) ? HK_NEVER_INDEXED : HK_WITHOUT_INDEXING; /* 0001xxxx : 0000xxxx */
  return begin_integer(s, b, 4, dynamic_entries);
}

int hh_scan_step(hh_scan *s, const uint8_t *p, size_t n, size_t *used, uint32_t dynamic_entries) {
  size_t i = 0;
  int r = GO_ON;
  while (i < n) {
    if (s->phase == PH_STR_BODY) {
      /* skip string octets in bulk: nghttp2 decodes them, this scan only needs their count */
      size_t take = n - i < s->str_left ? n - i : s->str_left;
      i += take;
      s->str_left -= (uint32_t)take;
      if (s->str_left > 0) {
        break;
      }
      r = string_done(s);
    } else {
      uint8_t b = p[i++];
      switch (s->phase) {
      case PH_OPCODE:
        r = on_opcode(s, b, dynamic_entries);
        break;
      case PH_INT:
        r = continue_integer(s, b, dynamic_entries);
        break;
      default: /* PH_STR_HEAD */
        if (b & 0x80u) {
          s->huffman = 1;
        }
        r = begin_integer(s, b, 7, dynamic_entries);
        break;
      }
    }
    if (r == HS_ERROR) {
      *used = i;
      return HS_ERROR;
    }
    if (r == HS_COMPLETE) {
      s->phase = PH_OPCODE;
      *used = i;
      return HS_COMPLETE;
    }
  }
  *used = i;
  return HS_PARTIAL;
}

int hh_scan_end_block(hh_scan *s) {
  if (s->phase != PH_OPCODE) {
    return fail(s, HH_TRUNCATED_BLOCK, 0, 0);
  }
  if (s->required_max >= 0) { /* an empty block, or one of too large updates only */
    return fail(s, HH_TABLE_SIZE_UPDATE_MISSING, 0, (uint64_t)s->required_max);
  }
  s->in_block = 0;
  s->fields_started = 0;
  s->size_updates = 0;
  return HS_COMPLETE;
}
